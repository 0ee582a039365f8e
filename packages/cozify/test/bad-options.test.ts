import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, Cozify, createCloudStrategy } from '../src/index.js';
import { CLOUD_URL, EMAIL, mockWorld, rejectionOf } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const base = { email: EMAIL, baseUrl: CLOUD_URL };

// Each row: what is wrong, the options, what the message must name.
const badOptions: [string, unknown, string][] = [
  ['null options', null, 'Cozify options must be an object, got null'],
  ['a string as the options', EMAIL, 'Cozify options must be an object, got a string'],
  [
    'a misspelled base-URL option',
    { email: EMAIL, baseURL: 'http://127.0.0.1:9/ui/0.2' },
    'Cozify option `baseURL` is not a known option (did you mean `baseUrl`?)',
  ],
  [
    'the removed name cloudUrl',
    { email: EMAIL, cloudUrl: 'http://127.0.0.1:9/ui/0.2' },
    'Cozify option `cloudUrl` is not a known option',
  ],
  ['a null baseUrl (not "the default cloud")', { ...base, baseUrl: null }, 'Cozify option `baseUrl`'],
  ['a baseUrl with credentials', { ...base, baseUrl: 'https://u:p@cloud.test/ui/0.2' }, '`baseUrl`'],
  ['maxBackOffMs: -1', { ...base, maxBackOffMs: -1 }, 'Cozify option `maxBackOffMs`'],
  ['timeoutMs: 0', { ...base, timeoutMs: 0 }, 'Cozify option `timeoutMs`'],
  ['otp: "123456"', { ...base, otp: '123456' }, 'Cozify option `otp`'],
  ['tokenExpiryMs: -1', { ...base, tokenExpiryMs: -1 }, '`tokenExpiryMs`'],
  ['tokenExpiryMs: "abc"', { ...base, tokenExpiryMs: 'abc' }, '`tokenExpiryMs`'],
  ['tokenExpiryMs: null', { ...base, tokenExpiryMs: null }, '`tokenExpiryMs`'],
  ['hubPort: null', { ...base, hubPort: null }, '`hubPort`'],
  ["fetch: 'x'", { ...base, fetch: 'x' }, '`fetch` must be a fetch function'],
];

describe('bad options are refused at construction, before anything is sent', () => {
  it.each(badOptions)('%s', (_case, options, named) => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const fetchSpy = vi.fn<typeof fetch>();
    const withSpy =
      typeof options === 'object' && options !== null && !('fetch' in options)
        ? { ...options, fetch: fetchSpy, store: new MemoryStore() }
        : options;
    let thrown: unknown;
    try {
      new Cozify(withSpy as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toContain(named);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('methods refuse unknown call options before any request, suggesting the option meant', async () => {
    const world = mockWorld();
    const client = world.client(new MemoryStore());
    const cases: [Promise<unknown>, string][] = [
      [
        client.authenticate({ trustcloud: false } as never),
        'authenticate(options) option `trustcloud` is not a known option (did you mean `trustCloud`?)',
      ],
      [client.ping({ autoRefresh: false } as never), 'did you mean `autorefresh`?'],
      [client.refresh({ forced: true } as never), 'did you mean `force`?'],
      [client.discoverHubs({ remote: true, autoRemote: false } as never), 'did you mean `autoremote`?'],
    ];
    for (const [call, named] of cases) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain(named);
    }
    expect(world.cloud.counts).toMatchObject({ logins: 0 });
    await client.close();
  });
});

describe('createCloudStrategy refuses bad options', () => {
  const fetchSpy = vi.fn<typeof fetch>();
  it.each([
    [null, 'createCloudStrategy options must be an object, got null'],
    [
      { email: EMAIL, baseURL: CLOUD_URL, fetch: fetchSpy, otp: undefined },
      'createCloudStrategy option `baseURL` is not a known option (did you mean `baseUrl`?)',
    ],
    [{ email: EMAIL, fetch: fetchSpy, otp: undefined }, '`baseUrl` must be an http(s) URL'],
    [{ email: EMAIL, baseUrl: CLOUD_URL, fetch: 'x', otp: undefined }, '`fetch` must be a fetch function'],
    [
      { email: 'nope', baseUrl: CLOUD_URL, fetch: fetchSpy, otp: undefined },
      '`email` must be an e-mail address',
    ],
  ])('%o', (options, named) => {
    expect(() => createCloudStrategy(options as never)).toThrow(ConfigurationError);
    expect(() => createCloudStrategy(options as never)).toThrow(named);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
