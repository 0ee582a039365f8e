import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, TadoClient } from '../src/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const base = {
  baseUrl: 'http://127.0.0.1:9',
  username: 'demo@example.com',
  password: 'demo-password',
  env: {},
};

// Each row: what is wrong, the options, what the message must name (after the owner).
const badOptions: [string, unknown, string][] = [
  ['null options', null, 'options must be an object, got null'],
  ['a string as the options', 'http://127.0.0.1:9', 'options must be an object, got a string'],
  [
    'a misspelled base-URL option',
    { ...base, baseUrl: undefined, baseURL: 'http://127.0.0.1:9' },
    'option `baseURL` is not a known option (did you mean `baseUrl`?)',
  ],
  ['no username', { ...base, username: undefined }, 'needs `username`'],
  ['username: 42', { ...base, username: 42 }, 'option `username`'],
  ['password: 42', { ...base, password: 42 }, 'option `password`'],
  ['baseUrl: 42', { ...base, baseUrl: 42 }, 'option `baseUrl` must be an http(s) URL string'],
  ['baseUrl with a query', { ...base, baseUrl: 'https://x.test/?a=1' }, 'option `baseUrl`'],
  ['maxBackOffMs: -1', { ...base, maxBackOffMs: -1 }, 'option `maxBackOffMs` must be a finite number'],
  ['timeoutMs: -1', { ...base, timeoutMs: -1 }, 'option `timeoutMs` must be a number of milliseconds > 0'],
  ["fetch: 'x'", { ...base, fetch: 'x' }, 'option `fetch` must be a fetch function'],
  ['refreshMarginMs: NaN', { ...base, refreshMarginMs: Number.NaN }, 'option `refreshMarginMs`'],
  ['a store that is not one', { ...base, store: {} }, 'option `store` must have get()'],
  ['env: a string', { ...base, env: 'X=y' }, 'option `env` must be an object'],
];

describe('bad options are refused at construction, before anything is sent', () => {
  it.each(badOptions)('%s', async (_case, options, named) => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    let error: unknown;
    try {
      await TadoClient.create(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).vendor).toBe('tado');
    expect((error as Error).message).toContain(`Tado ${named}`);
    expect(() => new TadoClient(options as never)).toThrow(ConfigurationError);
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('never echoes a password in a message', () => {
    expect(() => new TadoClient({ ...base, baseUrl: 'ftp://x.test', password: 'hunter2-canary' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2-canary') }),
    );
  });
});
