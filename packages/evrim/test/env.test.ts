import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, Evrim } from '../src/index.js';
import { BASE_URL, createWorld, rejectionOf } from './world.js';

describe('environment variables', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads EVRIM_URL, EVRIM_USERNAME and EVRIM_PASSWORD from process.env', async () => {
    const w = createWorld();
    vi.stubEnv('EVRIM_URL', BASE_URL);
    vi.stubEnv('EVRIM_USERNAME', 'demo');
    vi.stubEnv('EVRIM_PASSWORD', 'demo-password');
    const client = await Evrim.create({ fetch: w.fetch, clock: w.clock });
    expect(client.url).toBe(BASE_URL);
    expect(client.username).toBe('demo');
    expect(w.cloud.counts.logins).toBe(1);
  });

  it('falls back to TOKENWISE_EVRIM_URL after EVRIM_URL', () => {
    const env = { TOKENWISE_EVRIM_URL: 'http://127.0.0.1:8000/', EVRIM_USERNAME: 'demo' };
    expect(new Evrim({ env }).url).toBe('http://127.0.0.1:8000');
    expect(new Evrim({ env: { ...env, EVRIM_URL: `${BASE_URL}/` } }).url).toBe(BASE_URL);
    expect(new Evrim({ env, url: 'https://other.example/prod' }).url).toBe('https://other.example/prod');
  });

  it('options win over the environment', async () => {
    const w = createWorld();
    const client = await w.create({ env: { EVRIM_USERNAME: 'analyst@example.com', EVRIM_PASSWORD: 'x' } });
    expect(client.username).toBe('demo');
  });

  it('a missing URL is a ConfigurationError naming EVRIM_URL', () => {
    const error = (() => {
      try {
        new Evrim({ env: {}, username: 'demo' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('EVRIM_URL');
  });

  it('rejects bad options early with the option named', () => {
    const make = (options: Record<string, unknown>) => () =>
      new Evrim({ env: {}, url: BASE_URL, username: 'demo', ...options } as never);
    expect(make({ url: 42 })).toThrow(/"url"/);
    expect(make({ url: 'not a url' })).toThrow(ConfigurationError);
    expect(make({ url: 'ftp://example.com' })).toThrow(/http or https/);
    expect(make({ url: `${BASE_URL}?key=1` })).toThrow(/query/);
    expect(make({ username: '' })).toThrow(/"username"/);
    expect(make({ fetch: 'nope' })).toThrow(/option `fetch` must be a function/);
    expect(() => new Evrim({ env: {}, url: BASE_URL })).toThrow(/EVRIM_USERNAME/);
  });

  it('create() without a password or a store says which variable to set, before any request', async () => {
    const w = createWorld();
    const error = await rejectionOf(
      Evrim.create({ url: BASE_URL, username: 'demo', env: {}, fetch: w.fetch }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('EVRIM_PASSWORD');
    expect(w.cloud.counts.logins + w.cloud.counts.failedLogins).toBe(0);
  });

  it('fromToken reads EVRIM_TOKEN and EVRIM_REFRESH_TOKEN', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    const client = await w.fromToken({ env: { EVRIM_TOKEN: access, EVRIM_REFRESH_TOKEN: refresh } });
    expect(client.manager.peek()?.accessToken).toBe(access);
    expect(client.manager.peek()?.refreshToken).toBe(refresh);
  });
});
