import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, ErrorCodes, Evrim, EvrimStrategy, isTokenwiseError } from '../src/index.js';
import { BASE_URL, createWorld, rejectionOf } from './world.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const base = { url: BASE_URL, username: 'demo', password: 'demo-password', env: {} };

// Each row: what is wrong, the options, what the message must name (after the owner).
const badOptions: [string, unknown, string][] = [
  ['null options', null, 'options must be an object, got null'],
  ['a string as the options', BASE_URL, 'options must be an object, got a string'],
  [
    'a misspelled base-URL option',
    {
      ...base,
      url: undefined,
      baseUrl: 'http://127.0.0.1:9',
      env: { EVRIM_URL: 'https://api.evrim.test/prod' },
    },
    'option `baseUrl` is not a known option (did you mean `url`?)',
  ],
  ['timeoutMs: -1', { ...base, timeoutMs: -1 }, 'option `timeoutMs` must be a number of milliseconds > 0'],
  ['timeoutMs: "abc"', { ...base, timeoutMs: 'abc' }, 'option `timeoutMs`'],
  ['timeoutMs: null', { ...base, timeoutMs: null }, 'option `timeoutMs`'],
  ["fetch: 'x'", { ...base, fetch: 'x' }, 'option `fetch` must be a function'],
  ['retries: -1', { ...base, retries: -1 }, 'option `retries` must be a whole number >= 0'],
  ['refreshMarginMs: NaN', { ...base, refreshMarginMs: Number.NaN }, 'option `refreshMarginMs`'],
  ['a store that is not one', { ...base, store: {} }, 'option `store` must have get()'],
  ['env: a string', { ...base, env: 'EVRIM_URL=x' }, 'option `env` must be an object'],
];

const messageOf = async (attempt: () => unknown): Promise<string> => {
  let error: unknown;
  try {
    await attempt();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).vendor).toBe('evrim');
  return (error as Error).message;
};

describe('bad options are refused at construction, before anything is sent', () => {
  it.each(badOptions)('%s', async (_case, options, named) => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const fetchSpy = vi.fn<typeof fetch>();
    const withSpy =
      typeof options === 'object' && options !== null && !('fetch' in options)
        ? { ...options, fetch: fetchSpy }
        : options;
    expect(await messageOf(() => new Evrim(withSpy as never))).toContain(`Evrim ${named}`);
    expect(await messageOf(() => Evrim.create(withSpy as never))).toContain(`Evrim ${named}`);
    const tokenOptions =
      typeof withSpy === 'object' && withSpy !== null
        ? { ...withSpy, password: undefined, token: 'a.b.c' }
        : withSpy;
    expect(await messageOf(() => Evrim.fromToken(tokenOptions as never))).toContain(
      `Evrim.fromToken ${named}`,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('fromToken refuses `account` (it is derived) and suggests its own token options', async () => {
    expect(await messageOf(() => Evrim.fromToken({ ...base, account: 'x' } as never))).toContain(
      'Evrim.fromToken option `account` is not a known option',
    );
    expect(await messageOf(() => Evrim.fromToken({ ...base, access_token: 'a.b.c' } as never))).toContain(
      'did you mean `accessToken`?',
    );
  });
});

describe('Evrim after close()', () => {
  it('refuses every call with the typed closed error and sends nothing', async () => {
    const w = createWorld();
    const client = await w.create();
    const before = { ...w.cloud.counts };
    await client.close();
    const calls = [
      () => client.tasks(),
      () => client.task('t1'),
      () => client.reports(),
      () => client.submitResearch({ url: 'https://example.com' }),
      () => client.generatePdf(1),
      () => client.validateToken(),
      () => client.refreshToken(),
      () => client.setToken(),
      () => client.logout(),
    ];
    for (const call of calls) {
      const error = await rejectionOf(call());
      expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
      expect((error as Error).message).toBe('This Evrim client is closed');
    }
    expect(w.cloud.counts).toEqual(before);
    await client.close();
  });
});

describe('new EvrimStrategy refuses bad options', () => {
  it.each([
    [null, 'EvrimStrategy options must be an object, got null'],
    [
      { baseURL: BASE_URL, account: 'a' },
      'EvrimStrategy option `baseURL` is not a known option (did you mean `baseUrl`?)',
    ],
    [{ account: 'a' }, 'EvrimStrategy needs `baseUrl`'],
    [{ baseUrl: BASE_URL, account: 'a', fetch: 'x' }, 'EvrimStrategy option `fetch` must be a function'],
    [
      { baseUrl: BASE_URL, account: 'a', password: 'plain' },
      'EvrimStrategy option `password` must be a Secret',
    ],
  ])('%o', (options, named) => {
    expect(() => new EvrimStrategy(options as never)).toThrow(ConfigurationError);
    expect(() => new EvrimStrategy(options as never)).toThrow(named);
  });
});
