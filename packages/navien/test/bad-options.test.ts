import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  NavienApiClient,
  NavienAuthClient,
  NavienMqttClient,
  TokenRefreshError,
} from '../src/index.js';
import { BASE_URL, EMAIL, mockWorld, PASSWORD } from './helpers/harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

// Each row: what is wrong, the options, what the message must name.
const badOptions: [string, unknown, string][] = [
  ['null options', null, 'NavienAuthClient options must be an object, got null'],
  ['a string as the options', BASE_URL, 'NavienAuthClient options must be an object, got a string'],
  [
    'a misspelled base-URL option',
    { baseURL: 'http://127.0.0.1:9/api/v2.1', env: {} },
    'NavienAuthClient option `baseURL` is not a known option (did you mean `baseUrl`?)',
  ],
  [
    'an unknown option',
    { url: 'http://127.0.0.1:9/api/v2.1', env: {} },
    'NavienAuthClient option `url` is not a known option (did you mean `baseUrl`?)',
  ],
  [
    'timeoutMs: -1',
    { timeoutMs: -1 },
    'NavienAuthClient option `timeoutMs` must be a number of milliseconds > 0',
  ],
  ['timeoutMs: "abc"', { timeoutMs: 'abc' }, 'NavienAuthClient option `timeoutMs`'],
  ['timeoutMs: null', { timeoutMs: null }, 'NavienAuthClient option `timeoutMs`'],
  ["fetch: 'x'", { fetch: 'x' }, 'NavienAuthClient option `fetch` must be a fetch function'],
  [
    'userAgent with CR/LF',
    { userAgent: 'a\r\nb' },
    'NavienAuthClient option `userAgent` must be usable as an HTTP header value',
  ],
  ['expiryMarginMs: "5"', { expiryMarginMs: '5' }, 'NavienAuthClient option `expiryMarginMs`'],
  ['env: a string', { env: 'NAVIEN_EMAIL=x' }, 'NavienAuthClient option `env` must be an object'],
  ['a clock without now()', { clock: {} }, 'NavienAuthClient option `clock` must have now()'],
];

const rejectionOf = async (attempt: () => unknown): Promise<unknown> => {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

describe('bad options are refused at construction, before anything is sent', () => {
  it.each(badOptions)('%s', async (_case, options, named) => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const fetchSpy = vi.fn<typeof fetch>();
    const withSpy =
      typeof options === 'object' && options !== null && !('fetch' in options)
        ? { env: {}, ...options, fetch: fetchSpy }
        : options;
    for (const attempt of [
      () => new NavienAuthClient(EMAIL, PASSWORD, withSpy as never),
      () => NavienAuthClient.create(EMAIL, PASSWORD, withSpy as never),
    ]) {
      const error = await rejectionOf(attempt);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain(named);
      expect((error as Error).message).not.toContain(PASSWORD);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('NavienMqttClient refuses bad options at construction, naming them', async () => {
    const world = mockWorld();
    const auth = world.auth();
    const cases: [unknown, string][] = [
      [null, 'NavienMqttClient options must be an object, got null'],
      [
        { URL: 'wss://127.0.0.1:9' },
        'NavienMqttClient option `URL` is not a known option (did you mean `url`?)',
      ],
      [
        { connectTimeoutMs: -1 },
        'NavienMqttClient option `connectTimeoutMs` must be a number of milliseconds > 0',
      ],
      [{ connectTimeoutMs: null }, 'NavienMqttClient option `connectTimeoutMs`'],
      [{ reconnectInitialDelayMs: 'abc' }, 'NavienMqttClient option `reconnectInitialDelayMs`'],
      [{ keepaliveSeconds: 70_000 }, 'NavienMqttClient option `keepaliveSeconds`'],
      [{ url: '' }, 'NavienMqttClient option `url` must be a non-empty string'],
    ];
    for (const [options, named] of cases) {
      expect(() => new NavienMqttClient(auth, options as never)).toThrow(named);
    }
    expect(world.cloud.counts.logins).toBe(0);
    await world.closeAll();
  });

  it('listDevices refuses unknown call options before any request', async () => {
    const world = mockWorld();
    const api = new NavienApiClient(world.auth());
    await expect(api.listDevices({ limit: 5 } as never)).rejects.toThrow(
      'listDevices option `limit` is not a known option',
    );
    expect(world.cloud.counts.logins).toBe(0);
    await world.closeAll();
  });
});

describe('an explicit refreshToken(current) the cloud refuses', () => {
  it('throws TokenRefreshError and never signs in; ensureValidToken keeps its sign-in fallback', async () => {
    const world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const auth = world.auth();
    await auth.open();
    const current = auth.currentTokens!;
    expect(world.cloud.counts.logins).toBe(1);
    world.cloud.revokeRefreshTokens();

    const error = await rejectionOf(() => auth.refreshToken(current.refreshToken));
    expect(error).toBeInstanceOf(TokenRefreshError);
    expect((error as Error).message).toContain('sign in again');
    expect(world.cloud.counts.logins).toBe(1);
    // The still-valid tokens stay in use.
    expect(auth.currentTokens?.accessToken).toBe(current.accessToken);

    // Renewals nobody asked for explicitly still fall back to a sign-in.
    world.clock.advance(3_600_000);
    const renewed = await auth.ensureValidToken();
    expect(renewed?.accessToken).not.toBe(current.accessToken);
    expect(world.cloud.counts.logins).toBe(2);
    await world.closeAll();
  });
});
