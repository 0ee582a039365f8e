import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BASE_URL_ENV,
  ClientClosedError,
  ConfigurationError,
  DEFAULT_BASE_URL,
  EvohomeClient,
  EvohomeV2Client,
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
    ['baseUrl', { ...base, baseUrl: 'not a url' }],
    ['baseUrl', { ...base, baseUrl: 'ftp://tccna.resideo.com' }],
    ['baseUrl', { ...base, baseUrl: 'https://user:pass@tccna.resideo.com' }],
    ['maxBackOffMs', { ...base, maxBackOffMs: -1 }],
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

  it('resolves the base URL from the option, then TOKENWISE_EVOHOME_URL, then the vendor default', () => {
    vi.stubEnv(BASE_URL_ENV, '');
    expect(new EvohomeClient(base).baseUrl).toBe(DEFAULT_BASE_URL);
    vi.stubEnv(BASE_URL_ENV, 'http://127.0.0.1:8080/');
    expect(BASE_URL_ENV).toBe('TOKENWISE_EVOHOME_URL');
    expect(new EvohomeV2Client(base).baseUrl).toBe('http://127.0.0.1:8080');
    expect(new EvohomeClient({ ...base, baseUrl: 'https://tccna.honeywell.com/' }).baseUrl).toBe(
      'https://tccna.honeywell.com',
    );
    vi.stubEnv(BASE_URL_ENV, 'not a url');
    expect(() => new EvohomeClient(base)).toThrow(`environment variable ${BASE_URL_ENV}`);
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
    await expect(client.userAccount()).rejects.toThrow(ClientClosedError);
    await expect(client.locationStatus('x1')).rejects.toThrow(ConfigurationError);
    await expect(client.request('userAccount')).rejects.toThrow(ClientClosedError);
    await v1.close();
    await expect(v1.temperatures()).rejects.toThrow(ClientClosedError);
    await expect(v1.request('accountInfo')).rejects.toThrow('This EvohomeClient client is closed');
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
