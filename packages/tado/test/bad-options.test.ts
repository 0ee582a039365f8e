import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ClientClosedError,
  ConfigurationError,
  ErrorCodes,
  isTokenwiseError,
  Tado,
  TadoStrategy,
} from '../src/index.js';
import { createWorld, rejectionOf } from './world.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const badOptions: [string, unknown, string][] = [
  ['null options', null, 'options must be an object, got null'],
  [
    'a misspelled base-URL option',
    { baseURL: 'http://127.0.0.1:9' },
    'option `baseURL` is not a known option (did you mean `baseUrl`?)',
  ],
  ['baseUrl: 42', { baseUrl: 42 }, 'option `baseUrl` (hosts) options must be an object'],
  [
    'baseUrl with a query',
    { baseUrl: 'https://tado.test/?x=1' },
    'option `baseUrl` must not contain a query string',
  ],
  [
    'baseUrl.auth: ftp',
    { baseUrl: { auth: 'ftp://x.test' } },
    'option `baseUrl`.auth must be an http(s) URL',
  ],
  [
    'baseUrl.hosts typo',
    { baseUrl: { api: 'https://a.test', oauth: 'https://b.test' } },
    'option `baseUrl` (hosts) option `oauth` is not a known option (did you mean `auth`?)',
  ],
  ['onDeviceCode: "x"', { onDeviceCode: 'x' }, 'option `onDeviceCode` must be a function'],
  ['account: ""', { account: '' }, 'option `account` must be a non-empty string'],
  ['timeoutMs: -1', { timeoutMs: -1 }, 'option `timeoutMs` must be a number of milliseconds > 0'],
  ['maxBackOffMs: -1', { maxBackOffMs: -1 }, 'option `maxBackOffMs` must be a finite number'],
  ["fetch: 'x'", { fetch: 'x' }, 'option `fetch` must be a fetch function'],
  ['retries: -1', { retries: -1 }, 'option `retries` must be a whole number >= 0'],
  ['a store that is not one', { store: {} }, 'option `store` must have get()'],
  ['env: a string', { env: 'X=1' }, 'option `env` must be an object'],
];

describe('bad options are refused at construction, before anything is sent', () => {
  it.each(badOptions)('%s', (_case, options, named) => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    let error: unknown;
    try {
      new Tado(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).vendor).toBe('tado');
    expect((error as Error).message).toContain(`Tado ${named}`);
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it('ids must be whole numbers (nothing else reaches a URL path)', async () => {
    const w = createWorld();
    const client = w.approvingClient();
    expect(await rejectionOf(client.zoneState(1907, 1.5))).toBeInstanceOf(ConfigurationError);
    expect(await rejectionOf(client.zones(Number.NaN))).toBeInstanceOf(ConfigurationError);
    await client.close();
  });
});

describe('base URLs: one rule', () => {
  it('option string → both hosts; env per host; else tado’s hosts', () => {
    expect(new Tado({ baseUrl: 'http://127.0.0.1:5/', env: {} }).baseUrl).toEqual({
      auth: 'http://127.0.0.1:5',
      api: 'http://127.0.0.1:5/api/v2',
    });
    expect(new Tado({ env: { TOKENWISE_TADO_URL: 'http://127.0.0.1:6' } }).baseUrl).toEqual({
      auth: 'http://127.0.0.1:6',
      api: 'http://127.0.0.1:6/api/v2',
    });
    expect(
      new Tado({
        env: { TOKENWISE_TADO_URL: 'http://127.0.0.1:6', TOKENWISE_TADO_API_URL: 'http://127.0.0.1:7/v2' },
      }).baseUrl,
    ).toEqual({ auth: 'http://127.0.0.1:6', api: 'http://127.0.0.1:7/v2' });
    expect(new Tado({ env: {} }).baseUrl).toEqual({
      auth: 'https://login.tado.com',
      api: 'https://my.tado.com/api/v2',
    });
  });
});

describe('Tado after close()', () => {
  it('refuses every public method with ClientClosedError and sends nothing', async () => {
    const w = createWorld();
    const client = w.approvingClient();
    await client.me();
    const before = { ...w.cloud.counts };
    await client.close();
    const calls: Record<string, () => unknown> = {
      login: () => client.login(),
      ensureSession: () => client.ensureSession(),
      request: () => client.request('me'),
      logout: () => client.logout(),
      me: () => client.me(),
      zones: () => client.zones(1907),
      zoneStates: () => client.zoneStates(1907),
      zoneState: () => client.zoneState(1907, 1),
      setZoneOverlay: () =>
        client.setZoneOverlay(1907, 1, {
          setting: { type: 'HEATING', power: 'OFF' },
          termination: { typeSkillBasedApp: 'MANUAL' },
        }),
      deleteZoneOverlay: () => client.deleteZoneOverlay(1907, 1),
    };
    const methods = [Tado.prototype, Object.getPrototypeOf(Tado.prototype)].flatMap((proto) =>
      Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor' && name !== 'close'),
    );
    for (const method of methods) expect(Object.keys(calls)).toContain(method);
    for (const [name, call] of Object.entries(calls)) {
      const error = await rejectionOf(Promise.resolve().then(call));
      expect(error, name).toBeInstanceOf(ClientClosedError);
      expect(isTokenwiseError(error, ErrorCodes.ConfigurationError), name).toBe(true);
    }
    expect(w.cloud.counts).toEqual(before);
    await client.close();
    await client[Symbol.asyncDispose]();
  });
});

describe('new TadoStrategy refuses bad options', () => {
  it.each([
    [null, 'TadoStrategy options must be an object, got null'],
    [{ account: 'a' }, 'TadoStrategy needs `authUrl`'],
    [
      { authUrl: 'https://tado.test', account: 'a', fetch: 'x' },
      'TadoStrategy option `fetch` must be a fetch function',
    ],
    [{ authUrl: 'ftp://x.test', account: 'a' }, 'TadoStrategy option `authUrl` must be an http(s) URL'],
  ])('%o', (options, named) => {
    expect(() => new TadoStrategy(options as never)).toThrow(ConfigurationError);
    expect(() => new TadoStrategy(options as never)).toThrow(named);
  });
});
