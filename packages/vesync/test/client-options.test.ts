import { inspect } from 'node:util';
import { startLoopbackServer } from '@tokenwise/auth-core/testing';
import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ClientClosedError,
  ErrorCodes,
  EU_URL_ENV_VAR,
  isTokenwiseError,
  Secret,
  URL_ENV_VAR,
  VeSync,
  type VeSyncOptions,
} from '../src/index.js';
import { VeSyncCloud } from '../src/mock/index.js';
import { DEMO, md5, setupCloud } from './helpers.js';

const configError = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
    return error as Error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('client options', () => {
  afterEach(() => {
    delete process.env[URL_ENV_VAR];
  });

  it('rejects bad options early with a ConfigurationError naming the option', () => {
    expect(configError(() => new VeSync({ username: '' })).message).toContain('username');
    expect(configError(() => new VeSync({ ...DEMO, countryCode: 'Deutschland' })).message).toContain(
      'countryCode',
    );
    expect(configError(() => new VeSync({ ...DEMO, baseUrl: { EU: 'not a url' } })).message).toContain(
      'baseUrl.EU',
    );
    expect(configError(() => new VeSync({ ...DEMO, baseUrl: { US: 'ftp://x' } })).message).toContain(
      'baseUrl.US',
    );
    expect(configError(() => new VeSync({ ...DEMO, timeZone: '' })).message).toContain('timeZone');
    const badPassword = 42 as unknown as string;
    expect(configError(() => new VeSync({ ...DEMO, password: badPassword })).message).toContain('password');
    process.env[URL_ENV_VAR] = 'nope';
    expect(configError(() => new VeSync(DEMO)).message).toContain(URL_ENV_VAR);
  });

  it('rejects bad store, baseUrl, clock, timeoutMs and timeZone with a ConfigurationError naming them', () => {
    const bad = (patch: Record<string, unknown>) => () => new VeSync({ ...DEMO, ...patch } as VeSyncOptions);
    expect(configError(bad({ store: 'sessions.json' })).message).toContain('store');
    expect(configError(bad({ store: {} })).message).toContain('store');
    expect(configError(bad({ baseUrl: 'https://smartapi.vesync.com' })).message).toContain('baseUrl');
    expect(configError(bad({ baseUrl: { us: 'https://x.test' } })).message).toContain(
      'baseUrl` option `us` is not a known option (did you mean `US`?)',
    );
    expect(configError(bad({ maxBackOffMs: 'an hour' })).message).toContain('maxBackOffMs');
    expect(configError(bad({ clock: {} })).message).toContain('clock');
    expect(configError(bad({ timeoutMs: -1 })).message).toContain('timeoutMs');
    expect(configError(bad({ timeoutMs: '30s' })).message).toContain('timeoutMs');
    expect(configError(bad({ timeZone: 'Mars/Olympus_Mons' })).message).toContain('timeZone');
    expect(configError(bad({ fetch: 'fetch' })).message).toContain('fetch');
  });

  it('rejects bad method arguments with a ConfigurationError before any request, never a TypeError', async () => {
    const { cloud, client, closeAll } = setupCloud();
    const vesync = client();
    const rejects = async (call: () => Promise<unknown>, text: string) => {
      const error = await call().catch((e: unknown) => e);
      expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
      expect((error as Error).message).toContain(text);
      expect(vesync.lastError).toBe(error);
    };
    const nothing = null as never;
    await rejects(() => vesync.login(nothing), 'login() options');
    await rejects(() => vesync.login({ tokenFilePath: 5 as never }), 'tokenFilePath');
    await rejects(() => vesync.login({ signal: 'stop' as never }), 'signal');
    await rejects(() => vesync.getDevices(nothing), 'getDevices() options');
    await rejects(() => vesync.getDevices({ signal: {} as never }), 'signal');
    await rejects(() => vesync.loadCredentialsFromFile(5 as never), 'loadCredentialsFromFile() path');
    await rejects(() => vesync.saveCredentials(5 as never), 'saveCredentials() path');
    const credentials = { token: 't', accountId: '1', countryCode: 'US', region: 'US' as const };
    await rejects(() => vesync.setCredentials(credentials, 'stop' as never), 'signal');
    // No login was spent on any of them.
    expect(cloud.counts).toMatchObject({ logins: 0, requests: 0 });
    await closeAll();
  });

  it('does no I/O when constructed', async () => {
    const { cloud, client, closeAll } = setupCloud();
    client();
    expect(cloud.counts).toMatchObject({ logins: 0, requests: 0 });
    await closeAll();
  });

  it('uses TOKENWISE_VESYNC_URL for both regions (a loopback sandbox)', async () => {
    const cloud = new VeSyncCloud();
    const server = await startLoopbackServer(cloud.handler);
    try {
      process.env[URL_ENV_VAR] = server.url;
      await using vesync = new VeSync(DEMO);
      expect(await vesync.getDevices()).toHaveLength(3);
      expect(cloud.counts.logins).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('TOKENWISE_VESYNC_EU_URL points the EU host elsewhere (a sandbox with one path per region)', async () => {
    const cloud = new VeSyncCloud();
    const server = await startLoopbackServer(cloud.handler);
    try {
      process.env[URL_ENV_VAR] = `${server.url}/us`;
      process.env[EU_URL_ENV_VAR] = `${server.url}/eu`;
      await using vesync = new VeSync({
        username: 'eu-demo@example.com',
        password: new Secret('eu-demo-password'),
        countryCode: 'FR',
      });
      expect(await vesync.getDevices()).toHaveLength(2);
      expect(cloud.requestLog.at(-1)?.region).toBe('EU');
    } finally {
      delete process.env[EU_URL_ENV_VAR];
      await server.close();
    }
  });

  it('serves two regions from one loopback server through baseUrl hosts with path prefixes', async () => {
    const cloud = new VeSyncCloud();
    const server = await startLoopbackServer(cloud.handler);
    try {
      await using vesync = new VeSync({
        username: 'eu-demo@example.com',
        password: new Secret('eu-demo-password'),
        countryCode: 'FR',
        baseUrl: { US: `${server.url}/us`, EU: `${server.url}/eu/` },
      });
      expect(await vesync.getDevices()).toHaveLength(2);
      expect(cloud.counts.crossRegion).toBe(0);
      expect(cloud.requestLog.at(-1)?.region).toBe('EU');
    } finally {
      await server.close();
    }
  });

  it('close() is idempotent and later calls fail with a ClientClosedError (a ConfigurationError by code)', async () => {
    const { client } = setupCloud();
    const vesync = client();
    await vesync.close();
    await vesync.close();
    const error = await vesync.getDevices().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientClosedError);
    expect(error).toMatchObject({ code: ErrorCodes.ConfigurationError });
    await expect(vesync.request('cloud/v1/deviceManaged/devices')).rejects.toBeInstanceOf(ClientClosedError);
  });

  it('exposes the resolved baseUrl of both regions', () => {
    const { client } = setupCloud();
    expect(client().baseUrl).toEqual({
      US: 'https://smartapi.vesync.com',
      EU: 'https://smartapi.vesync.eu',
    });
    process.env[URL_ENV_VAR] = 'http://127.0.0.1:7/sandbox/';
    expect(client().baseUrl).toEqual({
      US: 'http://127.0.0.1:7/sandbox',
      EU: 'http://127.0.0.1:7/sandbox',
    });
    expect(client({ baseUrl: { EU: 'http://127.0.0.1:8' } }).baseUrl).toEqual({
      US: 'http://127.0.0.1:7/sandbox',
      EU: 'http://127.0.0.1:8',
    });
  });

  it('never shows the password, its hash or the token in inspect, JSON or errors', async () => {
    const { cloud, client, closeAll } = setupCloud();
    const store = new MemoryStore();
    const vesync = client({ store });
    await vesync.login();
    const token = (await vesync.manager.get()).token;
    cloud.rejectAllRequests(true);
    const error = await vesync.getDevices().catch((e: unknown) => e);
    const rendered = [
      inspect(vesync, { depth: 6 }),
      inspect(error, { depth: 6 }),
      JSON.stringify(error),
      String(error),
      inspect(vesync.lastError, { depth: 6 }),
    ].join('\n');
    for (const secret of [DEMO.password, md5(DEMO.password), token]) expect(rendered).not.toContain(secret);
    await closeAll();
  });
});
