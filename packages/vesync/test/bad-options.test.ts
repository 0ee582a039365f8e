import { toSecret } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVeSyncErrorMapper } from '../src/errors.js';
import {
  ConfigurationError,
  createVeSyncStrategy,
  DEFAULT_BASE_URL,
  TerminalIdentity,
  VeSync,
} from '../src/index.js';
import { DEMO } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

// Each row: what is wrong, the options, what the message must name.
const badOptions: [string, unknown, string][] = [
  ['null options', null, 'VeSync options must be an object, got null'],
  ['a string as the options', 'demo@example.com', 'VeSync options must be an object, got a string'],
  [
    'a misspelled base-URL option',
    { ...DEMO, baseURL: { US: 'http://127.0.0.1:9' } },
    'VeSync option `baseURL` is not a known option (did you mean `baseUrl`?)',
  ],
  [
    'the removed `hosts` option',
    { ...DEMO, hosts: { US: 'http://127.0.0.1:9' } },
    'VeSync option `hosts` is not a known option',
  ],
  [
    'a string baseUrl (VeSync has two hosts)',
    { ...DEMO, baseUrl: 'http://127.0.0.1:9' },
    'VeSync option `baseUrl` must be an object of hosts',
  ],
  [
    'timeoutMs: -1',
    { ...DEMO, timeoutMs: -1 },
    'VeSync option `timeoutMs` must be a number of milliseconds > 0',
  ],
  ['timeoutMs: "abc"', { ...DEMO, timeoutMs: 'abc' }, 'VeSync option `timeoutMs`'],
  ['timeoutMs: null', { ...DEMO, timeoutMs: null }, 'VeSync option `timeoutMs`'],
  ["fetch: 'x'", { ...DEMO, fetch: 'x' }, 'VeSync option `fetch` must be a fetch function'],
  ['maxBackOffMs: -1', { ...DEMO, maxBackOffMs: -1 }, 'VeSync option `maxBackOffMs`'],
];

describe('bad options are refused at construction, before anything is sent', () => {
  it.each(badOptions)('%s', (_case, options, named) => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const fetchSpy = vi.fn<typeof fetch>();
    const withSpy =
      typeof options === 'object' && options !== null && !('fetch' in options)
        ? { ...options, fetch: fetchSpy }
        : options;
    let thrown: unknown;
    try {
      new VeSync(withSpy as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toContain(named);
    expect((thrown as Error).message).not.toContain('demo-password');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('login() and getDevices() refuse unknown call options before logging in', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    const client = new VeSync({ ...DEMO, fetch: fetchSpy });
    await expect(client.login({ tokenFile: '/tmp/x' } as never)).rejects.toThrow(
      'login() option `tokenFile` is not a known option (did you mean `tokenFilePath`?)',
    );
    await expect(client.getDevices({ signl: AbortSignal.timeout(1_000) } as never)).rejects.toThrow(
      'getDevices() option `signl` is not a known option (did you mean `signal`?)',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    await client.close();
  });
});

describe('createVeSyncStrategy refuses bad options before any login', () => {
  it.each([
    ['null options', () => null, 'createVeSyncStrategy options must be an object, got null'],
    [
      'a misspelled option',
      (base: Record<string, unknown>) => ({ ...base, baseURL: base.baseUrl, baseUrl: undefined }),
      'createVeSyncStrategy option `baseURL` is not a known option (did you mean `baseUrl`?)',
    ],
    [
      'no baseUrl',
      (base: Record<string, unknown>) => ({ ...base, baseUrl: undefined }),
      'option `baseUrl` must be',
    ],
    [
      "fetch: 'x'",
      (base: Record<string, unknown>) => ({ ...base, fetch: 'x' }),
      'option `fetch` must be a fetch function',
    ],
    [
      'an identity that is not one',
      (base: Record<string, unknown>) => ({ ...base, identity: {} }),
      'option `identity` (a TerminalIdentity) must have observe()',
    ],
  ])('%s', (_case, make, named) => {
    const fetchSpy = vi.fn<typeof fetch>();
    const base = {
      email: DEMO.username,
      password: toSecret(DEMO.password),
      baseUrl: DEFAULT_BASE_URL,
      fetch: fetchSpy,
      identity: new TerminalIdentity('US'),
      mapError: createVeSyncErrorMapper(() => []),
    };
    expect(() => createVeSyncStrategy(base)).not.toThrow();
    expect(() => createVeSyncStrategy(make(base) as never)).toThrow(ConfigurationError);
    expect(() => createVeSyncStrategy(make(base) as never)).toThrow(named);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
