import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackServer } from '@tokenwise/auth-core/testing';
import { ErrorCodes, isTokenwiseError, MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPythonCozifyStatePath, parsePythonCozifyState } from '../src/index.js';
import { EMAIL, HUB_ID, mockWorld, rejectionOf } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function writeState(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cozify-ini-'));
  dirs.push(dir);
  const path = join(dir, 'python-cozify.cfg');
  await writeFile(path, text, { mode: 0o600 });
  return path;
}

function iniFor(cloudToken: string, hubToken: string, host: string): string {
  return [
    '[Cloud]',
    `email = ${EMAIL}`,
    'last_refresh = 2025-12-31T23:00:00',
    `remotetoken = ${cloudToken}`,
    '',
    '[Hubs]',
    `default = ${HUB_ID}`,
    '',
    `[Hubs.${HUB_ID}]`,
    `host = ${host}`,
    'hubname = HubbyMcHubFace',
    `hubtoken = ${hubToken}`,
    'remote = False',
    'autoremote = True',
    '',
    '[meta]',
    'version = 2',
    '',
  ].join('\n');
}

describe('python-cozify state import', () => {
  it('takes over the cloud token, hub key and hub; the next run needs no OTP and no hubkeys', async () => {
    const { cloud, client } = mockWorld();
    const hubSim = cloud.hub(HUB_ID);
    // Tokens a python-cozify run obtained from the same cloud.
    const seeded = client(new MemoryStore(), { hubPort: 1 });
    await seeded.authenticate({ remote: true });
    const cloudToken = (await seeded.token()) ?? '';
    const hubKeys = cloud.counts.hubKeys;
    const server = await startLoopbackServer(hubSim.handler);
    try {
      // A stale LAN address: the hub moved (DHCP); lan_ip + /hub find it again.
      const path = await writeState(iniFor(cloudToken, await hubKeyOf(cloud, cloudToken), '127.0.0.2'));
      const store = new MemoryStore();
      const cozify = client(store, { hubPort: server.port, otp: async () => expect.unreachable('no OTP') });
      const result = await cozify.importPythonCozifyState(path);
      expect(result).toEqual({ email: EMAIL, cloudToken: true, hubs: [HUB_ID] });
      expect(await cozify.token()).toBe(cloudToken);
      const fetchesBefore = cloud.counts.hubKeys;
      const hub = await cozify.hub('HubbyMcHubFace');
      expect(await hub.tz()).toBe('Europe/Helsinki');
      expect(hub.route).toBe('lan');
      expect((await cozify.hubs())[0]).toMatchObject({ host: '127.0.0.1', isDefault: true });
      expect(cloud.counts.hubKeys).toBe(fetchesBefore);
      expect(cloud.counts.otpRequests).toBe(1);
      expect(hubKeys).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('never overwrites a valid token already in the store', async () => {
    const { client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    const cozify = client(store);
    await cozify.authenticate();
    const mine = await cozify.token();
    const other = `${Buffer.from('{}').toString('base64url')}.${Buffer.from('{"exp":4102444800}').toString('base64url')}.sig`;
    const path = await writeState(iniFor(other, other, '192.168.1.10'));
    const result = await cozify.importPythonCozifyState(path);
    expect(result.cloudToken).toBe(false);
    expect(await cozify.token()).toBe(mine);
  });

  it('drops an imported hub key whose own exp has passed, however long its lifetime was', async () => {
    const { client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    const jwt = (claims: object) =>
      `${Buffer.from('{}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    // Minted in 2023 for 28 days: long expired on the test clock (2026).
    const expired = jwt({ iat: 1_700_000_000, exp: 1_700_000_000 + 28 * 86_400 });
    const path = await writeState(iniFor(expired, expired, '192.168.1.10'));
    const result = await cozify.importPythonCozifyState(path);
    expect(result.cloudToken).toBe(false);
    expect(await (await cozify.hubSessionManager(HUB_ID)).restore()).toBeUndefined();
  });

  it('refuses a file of another account, or with a token that is not one, without echoing it', async () => {
    const { client } = mockWorld();
    const cozify = client(new MemoryStore());
    const foreign = await writeState(iniFor('a.b.c', 'a.b.c', '10.0.0.1').replace(EMAIL, 'someone@else.fi'));
    expect(
      isTokenwiseError(
        await rejectionOf(cozify.importPythonCozifyState(foreign)),
        ErrorCodes.ConfigurationError,
      ),
    ).toBe(true);
    const broken = await writeState(iniFor('secret-not-a-jwt', 'a.b.c', '10.0.0.1'));
    const error = await rejectionOf(cozify.importPythonCozifyState(broken));
    expect((error as Error).message).toContain('remotetoken');
    expect((error as Error).message).not.toContain('secret-not-a-jwt');
    const missing = await rejectionOf(cozify.importPythonCozifyState('/nonexistent/python-cozify.cfg'));
    expect(isTokenwiseError(missing, ErrorCodes.ConfigurationError)).toBe(true);
  });

  it('reads remote-only hubs (bare host) and python booleans', () => {
    const state = parsePythonCozifyState(
      [
        '[Hubs]',
        'default = h1',
        '[Hubs.h1]',
        'host',
        'hubname = Cabin',
        'remote = True',
        'autoremote = False',
      ].join('\n'),
    );
    expect(state.hubs).toEqual([{ id: 'h1', name: 'Cabin', remote: true, autoremote: false }]);
    expect(state.defaultHub).toBe('h1');
  });

  it('finds the file where python-cozify keeps it', () => {
    expect(defaultPythonCozifyStatePath({ XDG_CONFIG_HOME: '/cfg' })).toBe(
      '/cfg/python-cozify/python-cozify.cfg',
    );
  });
});

async function hubKeyOf(
  cloud: { handler(r: Request): Promise<Response> },
  cloudToken: string,
): Promise<string> {
  const response = await cloud.handler(
    new Request('https://cloud.cozify.test/ui/0.2/user/hubkeys', { headers: { authorization: cloudToken } }),
  );
  const keys = (await response.json()) as Record<string, string>;
  return keys[HUB_ID] ?? '';
}
