import { inspect } from 'node:util';
import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { startLoopbackServer } from '@tokenwise/auth-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
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
    expect(configError(() => new VeSync({ ...DEMO, hosts: { EU: 'not a url' } })).message).toContain(
      'hosts.EU',
    );
    expect(configError(() => new VeSync({ ...DEMO, hosts: { US: 'ftp://x' } })).message).toContain(
      'hosts.US',
    );
    expect(configError(() => new VeSync({ ...DEMO, timeZone: '' })).message).toContain('timeZone');
    const badPassword = 42 as unknown as string;
    expect(configError(() => new VeSync({ ...DEMO, password: badPassword })).message).toContain('password');
    process.env[URL_ENV_VAR] = 'nope';
    expect(configError(() => new VeSync(DEMO)).message).toContain(URL_ENV_VAR);
  });

  it('rejects bad store, hosts, clock, timeoutMs and timeZone with a ConfigurationError naming them', () => {
    const bad = (patch: Record<string, unknown>) => () => new VeSync({ ...DEMO, ...patch } as VeSyncOptions);
    expect(configError(bad({ store: 'sessions.json' })).message).toContain('store');
    expect(configError(bad({ store: {} })).message).toContain('store');
    expect(configError(bad({ hosts: 'https://smartapi.vesync.com' })).message).toContain('hosts');
    expect(configError(bad({ hosts: { us: 'https://x.test' } })).message).toContain(
      'hosts has unknown region us',
    );
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

  it('serves two regions from one loopback server through hosts with path prefixes', async () => {
    const cloud = new VeSyncCloud();
    const server = await startLoopbackServer(cloud.handler);
    try {
      await using vesync = new VeSync({
        username: 'eu-demo@example.com',
        password: new Secret('eu-demo-password'),
        countryCode: 'FR',
        hosts: { US: `${server.url}/us`, EU: `${server.url}/eu/` },
      });
      expect(await vesync.getDevices()).toHaveLength(2);
      expect(cloud.counts.crossRegion).toBe(0);
      expect(cloud.requestLog.at(-1)?.region).toBe('EU');
    } finally {
      await server.close();
    }
  });

  it('close() is idempotent and later calls fail with a ConfigurationError', async () => {
    const { client } = setupCloud();
    const vesync = client();
    await vesync.close();
    await vesync.close();
    await expect(vesync.getDevices()).rejects.toMatchObject({ code: ErrorCodes.ConfigurationError });
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
