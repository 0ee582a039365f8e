import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  createEvohomeV1Strategy,
  createEvohomeV2Strategy,
  EvohomeClient,
  EvohomeV2Client,
  Secret,
} from '../src/index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const base = { username: 'demo@example.com', password: 'demo-password' };

// Each row: what is wrong, the options, what the message must name.
const badOptions: [string, unknown, string][] = [
  ['null options', null, 'options must be an object, got null'],
  ['a string as the options', 'demo@example.com', 'options must be an object, got a string'],
  ['an array as the options', [base], 'options must be an object, got an array'],
  [
    'a misspelled base-URL option',
    { ...base, baseURL: 'http://127.0.0.1:9' },
    'option `baseURL` is not a known option (did you mean `baseUrl`?)',
  ],
  [
    'the removed hostname option',
    { ...base, hostname: 'http://127.0.0.1:9' },
    'option `hostname` is not a known option',
  ],
  ['a bad baseUrl', { ...base, baseUrl: 'ftp://127.0.0.1:9' }, 'option `baseUrl` must be an http(s) URL'],
  ['maxBackOffMs: -1', { ...base, maxBackOffMs: -1 }, 'option `maxBackOffMs` must be a finite number'],
  ['timeoutMs: -1', { ...base, timeoutMs: -1 }, 'option `timeoutMs` must be a number of milliseconds > 0'],
  ['timeoutMs: "abc"', { ...base, timeoutMs: 'abc' }, 'option `timeoutMs`'],
  ['timeoutMs: null', { ...base, timeoutMs: null }, 'option `timeoutMs`'],
  ['timeoutMs: 0', { ...base, timeoutMs: 0 }, 'option `timeoutMs`'],
  ["fetch: 'x'", { ...base, fetch: 'x' }, 'option `fetch` must be a fetch function'],
  ['a clock without now()', { ...base, clock: {} }, 'option `clock` must have now()'],
];

describe('bad options are refused at construction, before anything is sent', () => {
  it.each(badOptions)('%s', (_case, options, named) => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const fetchSpy = vi.fn<typeof fetch>();
    const withSpy =
      typeof options === 'object' && options !== null && !Array.isArray(options) && !('fetch' in options)
        ? { ...options, fetch: fetchSpy }
        : options;
    for (const [name, create] of [
      ['EvohomeClient', () => new EvohomeClient(withSpy as never)],
      ['EvohomeV2Client', () => new EvohomeV2Client(withSpy as never)],
    ] as const) {
      let thrown: unknown;
      try {
        create();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as ConfigurationError).message).toContain(`${name} ${named}`);
      expect((thrown as ConfigurationError).vendor).toBe('evohome');
      expect((thrown as ConfigurationError).message).not.toContain('demo-password');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('EvohomeClient accepts its own userData option but EvohomeV2Client does not', () => {
    expect(() => new EvohomeClient({ ...base, userData: undefined })).not.toThrow();
    expect(() => new EvohomeV2Client({ ...base, userData: undefined } as never)).toThrow(
      'EvohomeV2Client option `userData` is not a known option',
    );
  });

  it('loadUserData refuses a bad path or options instead of reading anything', async () => {
    await expect(EvohomeClient.loadUserData('' as never)).rejects.toThrow(
      'EvohomeClient.loadUserData(path): `path` must be a non-empty string',
    );
    await expect(EvohomeClient.loadUserData('/tmp/x.json', null as never)).rejects.toThrow(
      'EvohomeClient.loadUserData options must be an object, got null',
    );
    await expect(EvohomeClient.loadUserData('/tmp/x.json', { onproblem: () => {} } as never)).rejects.toThrow(
      'did you mean `onProblem`?',
    );
    await expect(EvohomeClient.loadUserData('/tmp/x.json', { onProblem: 'log' } as never)).rejects.toThrow(
      ConfigurationError,
    );
  });
});

describe('the strategy factories refuse bad options before building any URL', () => {
  const strategyBase = {
    username: 'demo@example.com',
    password: new Secret('demo-password'),
    baseUrl: 'http://127.0.0.1:9',
    fetch: vi.fn<typeof fetch>(),
    loginLockoutMs: 600_000,
  };
  it.each([
    ['null options', null, 'options must be an object, got null'],
    [
      'a misspelled baseUrl',
      { ...strategyBase, baseUrl: undefined, baseURL: 'http://127.0.0.1:9' },
      'option `baseURL` is not a known option (did you mean `baseUrl`?)',
    ],
    [
      'no baseUrl',
      { ...strategyBase, baseUrl: undefined },
      'needs `username`, `password`, `baseUrl` and `fetch`',
    ],
    [
      'a baseUrl with credentials',
      { ...strategyBase, baseUrl: 'http://user:pw@127.0.0.1:9' },
      'option `baseUrl` must not contain credentials',
    ],
    ["fetch: 'x'", { ...strategyBase, fetch: 'x' }, 'option `fetch` must be a fetch function'],
    [
      'a plain-text password',
      { ...strategyBase, password: 'demo-password' },
      'option `password` must be a Secret',
    ],
  ])('%s', (_case, options, named) => {
    for (const [name, create] of [
      ['createEvohomeV1Strategy', createEvohomeV1Strategy],
      ['createEvohomeV2Strategy', createEvohomeV2Strategy],
    ] as const) {
      expect(() => create(options as never)).toThrow(ConfigurationError);
      expect(() => create(options as never)).toThrow(`${name} ${named}`);
    }
    expect(strategyBase.fetch).not.toHaveBeenCalled();
  });
});
