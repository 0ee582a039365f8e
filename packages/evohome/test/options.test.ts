import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  DEFAULT_HOSTNAME,
  EvohomeClient,
  EvohomeV2Client,
  HOSTNAME_ENV_VAR,
  Secret,
} from '../src/index.js';
import { createCloud, demoOptions } from './harness.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const base = { username: 'demo@example.com', password: 'demo-password' };

describe('options', () => {
  it.each([
    ['username', { ...base, username: '' }],
    ['username', { ...base, username: 42 }],
    ['password', { ...base, password: '' }],
    ['password', { ...base, password: undefined }],
    ['hostname', { ...base, hostname: 'not a url' }],
    ['hostname', { ...base, hostname: 'ftp://tccna.resideo.com' }],
    ['store', { ...base, store: {} }],
    ['fetch', { ...base, fetch: 'fetch' }],
    ['loginLockoutMs', { ...base, loginLockoutMs: -1 }],
    ['minLoginIntervalMs', { ...base, minLoginIntervalMs: Number.NaN }],
    ['userData', { ...base, userData: { sessionId: 'x' } }],
    [
      'userData',
      { ...base, userData: { sessionId: 'x', userInfo: { userID: 1, username: 'other@example.com' } } },
    ],
  ])('a bad `%s` is a ConfigurationError naming it, thrown by the constructor', (name, options) => {
    for (const Client of [EvohomeClient, EvohomeV2Client]) {
      if (name === 'userData' && Client === EvohomeV2Client) continue;
      const create = () => new Client(options as never);
      expect(create).toThrow(ConfigurationError);
      expect(create).toThrow(name);
    }
  });

  it('resolves the host from the option, then TOKENWISE_EVOHOME_URL, then the vendor default', () => {
    expect(new EvohomeClient(base).hostname).toBe(DEFAULT_HOSTNAME);
    vi.stubEnv(HOSTNAME_ENV_VAR, 'http://127.0.0.1:8080/');
    expect(new EvohomeV2Client(base).hostname).toBe('http://127.0.0.1:8080');
    expect(new EvohomeClient({ ...base, hostname: 'https://tccna.honeywell.com' }).hostname).toBe(
      'https://tccna.honeywell.com',
    );
  });

  it('is lazy, never prints the password, and refuses calls once closed', async () => {
    const world = createCloud();
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      calls.push(String(input));
      return world.fetch(input, init);
    };
    const client = new EvohomeV2Client({
      ...demoOptions(world),
      fetch,
      password: new Secret('demo-password'),
    });
    const v1 = new EvohomeClient({ ...demoOptions(world), fetch });
    expect(calls).toHaveLength(0);
    expect(v1.userData).toBeUndefined();
    expect(inspect(client, { depth: 5 }) + inspect(v1, { depth: 5 }) + JSON.stringify(client)).not.toContain(
      'demo-password',
    );
    await expect(v1.saveUserData('/tmp/never-written.json')).rejects.toThrow(ConfigurationError);
    await client.close();
    await client.close();
    await expect(client.userAccount()).rejects.toThrow(ConfigurationError);
    await expect(client.locationStatus('x1')).rejects.toThrow(ConfigurationError);
    const open = new EvohomeV2Client(demoOptions(world));
    await expect(open.locationStatus('../userAccount')).rejects.toThrow('locationId');
    expect(calls).toHaveLength(0);
  });

  it('with userData it makes no login at all', async () => {
    const world = createCloud();
    const seed = new EvohomeClient(demoOptions(world));
    await seed.temperatures();
    const userData = seed.userData;
    expect(userData).toBeDefined();
    const client = new EvohomeClient({ ...demoOptions(world), ...(userData ? { userData } : {}) });
    await client.temperatures();
    expect(world.cloud.counts.logins).toBe(1);
    expect(client.userData?.sessionId).toBe(userData?.sessionId);
    await Promise.all([seed.close(), client.close()]);
  });
});
