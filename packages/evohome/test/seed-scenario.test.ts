import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, EvohomeClient, type UserDataFileProblem } from '../src/index.js';
import { createCloud, demoOptions } from './harness.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evohome-seed-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the seed scenario: load user_data, read temperatures, save user_data', () => {
  it('logs in once on the first run, then never again while the saved session lives', async () => {
    const world = createCloud();
    const file = join(dir, 'evohome-session-id.json');
    const problems: UserDataFileProblem[] = [];

    const first = new EvohomeClient({
      ...demoOptions(world),
      userData: await EvohomeClient.loadUserData(file, { onProblem: (p) => problems.push(p) }),
    });
    const readings = await first.temperatures();
    await first.saveUserData(file);
    await first.close();
    expect(problems.map((p) => p.reason)).toEqual(['missing']);
    expect(world.cloud.counts.logins).toBe(1);
    // Both locations, not only the first; the offline zone reads null.
    expect(new Set(readings.map((r) => r.locationId)).size).toBe(2);
    expect(readings.find((r) => r.name === 'Loft')).toMatchObject({
      thermostat: 'EMEA_ZONE',
      temp: null,
      setpoint: 5,
    });
    expect(readings.find((r) => r.thermostat === 'DOMESTIC_HOT_WATER')).toMatchObject({
      temp: 38.91,
      setpoint: null,
    });

    const mode = (await stat(file)).mode & 0o777;
    expect(mode).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(['sessionId', 'userInfo']);

    for (let run = 0; run < 3; run++) {
      world.clock.advance(5 * 60_000);
      const next = new EvohomeClient({
        ...demoOptions(world),
        userData: await EvohomeClient.loadUserData(file),
      });
      expect(await next.temperatures()).toEqual(readings);
      await next.saveUserData(file);
      await next.close();
    }
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('re-authenticates transparently when the saved session has expired, and saves the new one', async () => {
    const world = createCloud();
    const file = join(dir, 'user_data.json');
    const client = new EvohomeClient(demoOptions(world));
    await client.temperatures();
    await client.saveUserData(file);
    const oldSessionId = client.userData?.sessionId;
    await client.close();

    world.clock.advance(60 * 60_000);
    const later = new EvohomeClient({
      ...demoOptions(world),
      userData: await EvohomeClient.loadUserData(file),
    });
    const readings = await later.temperatures();
    expect(readings.length).toBeGreaterThan(0);
    expect(world.cloud.counts.logins).toBe(2);
    expect(world.cloud.counts.rejectedRequests).toBe(1);
    await later.saveUserData(file);
    const saved = (await EvohomeClient.loadUserData(file))?.sessionId;
    expect(saved).toBeDefined();
    expect(saved).not.toBe(oldSessionId);
    await later.close();
  });

  it('accepts a Python-written user_data file (userID as a string, minimal keys)', async () => {
    const world = createCloud();
    const file = join(dir, 'python.json');
    await writeFile(file, JSON.stringify({ userInfo: { userID: '2263181' }, sessionId: 'from-python' }));
    const userData = await EvohomeClient.loadUserData(file);
    expect(userData).toEqual({ sessionId: 'from-python', userInfo: { userID: 2263181 } });
    const client = new EvohomeClient({ ...demoOptions(world), ...(userData ? { userData } : {}) });
    // The vendor does not know that id: one login, one retry, readings.
    expect((await client.temperatures()).length).toBe(5);
    expect(world.cloud.counts.logins).toBe(1);
    await client.close();
  });

  it('saveUserData refuses a bad path with a ConfigurationError naming it', async () => {
    const world = createCloud();
    const client = new EvohomeClient(demoOptions(world));
    await client.temperatures();
    await expect(client.saveUserData(42 as never)).rejects.toThrow(ConfigurationError);
    await expect(client.saveUserData('')).rejects.toThrow('path');
    await expect(client.saveUserData(undefined as never)).rejects.toThrow(
      'EvohomeClient.saveUserData(path): `path` must be a non-empty string',
    );
    await expect(EvohomeClient.loadUserData(undefined as never)).rejects.toThrow(ConfigurationError);
    await client.close();
  });

  it('reports a corrupt or foreign file instead of throwing, and never echoes its content', async () => {
    const file = join(dir, 'bad.json');
    const problems: UserDataFileProblem[] = [];
    await writeFile(file, '{"sessionId": "secret-session-value", ');
    expect(await EvohomeClient.loadUserData(file, { onProblem: (p) => problems.push(p) })).toBeUndefined();
    await writeFile(file, JSON.stringify({ sessionId: 'secret-session-value' }));
    expect(await EvohomeClient.loadUserData(file, { onProblem: (p) => problems.push(p) })).toBeUndefined();
    expect(problems.map((p) => p.reason)).toEqual(['corrupt', 'corrupt']);
    for (const problem of problems) expect(problem.error.message).not.toContain('secret-session-value');
  });
});
