import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ClientClosedError,
  ConfigurationError,
  ErrorCodes,
  Evrim,
  EvrimStrategy,
  isTokenwiseError,
} from '../src/index.js';
import { BASE_URL, createWorld, rejectionOf } from './world.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const base = { baseUrl: BASE_URL, username: 'demo', password: 'demo-password', env: {} };

// Each row: what is wrong, the options, what the message must name (after the owner).
const badOptions: [string, unknown, string][] = [
  ['null options', null, 'options must be an object, got null'],
  ['a string as the options', BASE_URL, 'options must be an object, got a string'],
  [
    'a misspelled base-URL option',
    {
      ...base,
      baseUrl: undefined,
      baseURL: 'http://127.0.0.1:9',
      env: { EVRIM_URL: 'https://api.evrim.test/prod' },
    },
    'option `baseURL` is not a known option (did you mean `baseUrl`?)',
  ],
  [
    'the removed `url` option',
    { ...base, baseUrl: undefined, url: 'http://127.0.0.1:9' },
    'option `url` is not a known option (did you mean `baseUrl`?)',
  ],
  ['baseUrl: 42', { ...base, baseUrl: 42 }, 'option `baseUrl` must be an http(s) URL string'],
  ['maxBackOffMs: -1', { ...base, maxBackOffMs: -1 }, 'option `maxBackOffMs` must be a finite number'],
  ['timeoutMs: -1', { ...base, timeoutMs: -1 }, 'option `timeoutMs` must be a number of milliseconds > 0'],
  ['timeoutMs: "abc"', { ...base, timeoutMs: 'abc' }, 'option `timeoutMs`'],
  ['timeoutMs: null', { ...base, timeoutMs: null }, 'option `timeoutMs`'],
  ["fetch: 'x'", { ...base, fetch: 'x' }, 'option `fetch` must be a fetch function'],
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
  it('refuses every public method with ClientClosedError and sends nothing', async () => {
    const w = createWorld();
    const client = await w.create();
    const before = { ...w.cloud.counts };
    await client.close();
    const calls: Record<string, () => unknown> = {
      request: () => client.request('tasks/'),
      submitResearch: () => client.submitResearch({ url: 'https://example.com' }),
      reports: () => client.reports(),
      report: () => client.report(1),
      reportForTask: () => client.reportForTask('t1'),
      runs: () => client.runs(),
      run: () => client.run(1),
      tasks: () => client.tasks(),
      task: () => client.task('t1'),
      sections: () => client.sections(),
      section: () => client.section(1),
      paragraphs: () => client.paragraphs(),
      paragraph: () => client.paragraph(1),
      generatePdf: () => client.generatePdf(1),
      generateDocx: () => client.generateDocx(1),
      validateToken: () => client.validateToken(),
      'validateToken(token)': () => client.validateToken('a.b.c'),
      setToken: () => client.setToken(),
      refreshToken: () => client.refreshToken(),
      sessionInfo: () => client.sessionInfo(),
      logout: () => client.logout(),
    };
    // Every public method of the class and its data-call base is in the list above.
    const methods = [Evrim.prototype, Object.getPrototypeOf(Evrim.prototype)].flatMap((proto) =>
      Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor' && name !== 'close'),
    );
    for (const method of methods) expect(Object.keys(calls)).toContain(method);
    for (const [name, call] of Object.entries(calls)) {
      const error = await rejectionOf(Promise.resolve().then(call));
      expect(error, name).toBeInstanceOf(ClientClosedError);
      expect(isTokenwiseError(error, ErrorCodes.ConfigurationError), name).toBe(true);
      expect((error as Error).message, name).toBe('This Evrim client is closed; create a new one');
    }
    expect(w.cloud.counts).toEqual(before);
    // close() and asyncDispose stay idempotent.
    await client.close();
    await client[Symbol.asyncDispose]();
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
    [
      { baseUrl: BASE_URL, account: 'a', fetch: 'x' },
      'EvrimStrategy option `fetch` must be a fetch function',
    ],
    [
      { baseUrl: BASE_URL, account: 'a', password: 42 },
      'EvrimStrategy option `password` must be a non-empty string or Secret',
    ],
    [{ baseUrl: 'ftp://x.test', account: 'a' }, 'EvrimStrategy option `baseUrl` must be an http(s) URL'],
  ])('%o', (options, named) => {
    expect(() => new EvrimStrategy(options as never)).toThrow(ConfigurationError);
    expect(() => new EvrimStrategy(options as never)).toThrow(named);
  });
});
