import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, EVRIM_PRODUCTION_URL, Evrim } from '../src/index.js';
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
    expect(client.baseUrl).toBe(BASE_URL);
    expect(client.username).toBe('demo');
    expect(w.cloud.counts.logins).toBe(1);
  });

  it('resolves the base URL: option, then TOKENWISE_EVRIM_URL, then EVRIM_URL, then production', () => {
    const env = { TOKENWISE_EVRIM_URL: 'http://127.0.0.1:8000/', EVRIM_USERNAME: 'demo' };
    expect(new Evrim({ env }).baseUrl).toBe('http://127.0.0.1:8000');
    // The tokenwise-wide variable wins over the seed's EVRIM_URL: one rule for every vendor.
    expect(new Evrim({ env: { ...env, EVRIM_URL: `${BASE_URL}/` } }).baseUrl).toBe('http://127.0.0.1:8000');
    expect(new Evrim({ env: { EVRIM_USERNAME: 'demo', EVRIM_URL: `${BASE_URL}/` } }).baseUrl).toBe(BASE_URL);
    expect(new Evrim({ env, baseUrl: 'https://other.example/prod' }).baseUrl).toBe(
      'https://other.example/prod',
    );
    expect(new Evrim({ env: { EVRIM_USERNAME: 'demo', EVRIM_URL: '  ' } }).baseUrl).toBe(
      EVRIM_PRODUCTION_URL,
    );
  });

  it('options win over the environment', async () => {
    const w = createWorld();
    const client = await w.create({ env: { EVRIM_USERNAME: 'analyst@example.com', EVRIM_PASSWORD: 'x' } });
    expect(client.username).toBe('demo');
  });

  it('without a URL anywhere, the production API is the default', () => {
    expect(new Evrim({ env: {}, username: 'demo' }).baseUrl).toBe('https://api.evrim.ai/prod');
  });

  it('a bad URL in the environment is a ConfigurationError naming the variable, not its value', () => {
    const make = (env: Record<string, string>) => () =>
      new Evrim({ env: { ...env, EVRIM_USERNAME: 'demo' } });
    expect(make({ EVRIM_URL: 'ftp://user:hunter2@example.com' })).toThrow(/environment variable EVRIM_URL/);
    expect(make({ EVRIM_URL: 'ftp://user:hunter2@example.com' })).not.toThrow(/hunter2/);
    expect(make({ TOKENWISE_EVRIM_URL: 'not a url' })).toThrow(/TOKENWISE_EVRIM_URL/);
  });

  it('rejects bad options early with the option named', () => {
    const make = (options: Record<string, unknown>) => () =>
      new Evrim({ env: {}, baseUrl: BASE_URL, username: 'demo', ...options } as never);
    expect(make({ baseUrl: 42 })).toThrow(/option `baseUrl`/);
    expect(make({ baseUrl: 'not a url' })).toThrow(ConfigurationError);
    expect(make({ baseUrl: 'ftp://example.com' })).toThrow(/http\(s\)/);
    expect(make({ baseUrl: `${BASE_URL}?key=1` })).toThrow(/query/);
    expect(make({ url: BASE_URL })).toThrow(
      /option `url` is not a known option \(did you mean `baseUrl`\?\)/,
    );
    expect(make({ username: '' })).toThrow(/option `username`/);
    expect(make({ fetch: 'nope' })).toThrow(/option `fetch` must be a fetch function/);
    expect(() => new Evrim({ env: {}, baseUrl: BASE_URL })).toThrow(/EVRIM_USERNAME/);
  });

  it('create() without a password or a store says which variable to set, before any request', async () => {
    const w = createWorld();
    const error = await rejectionOf(
      Evrim.create({ baseUrl: BASE_URL, username: 'demo', env: {}, fetch: w.fetch }),
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
