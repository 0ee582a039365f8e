import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthTokens,
  ConfigurationError,
  FileStore,
  type ListDevicesOptions,
  MemoryStore,
  NavienApiClient,
  NavienAuthClient,
  NavienMqttClient,
  NotFoundError,
  TokenRefreshError,
} from '../src/index.js';
import { DEMO_DEVICE, NavienCloud } from '../src/mock/index.js';
import { BASE_URL, EMAIL, mockWorld, PASSWORD } from './helpers/harness.js';

describe('through MSW with the global fetch', () => {
  const clock = new FakeClock();
  const cloud = new NavienCloud({ clock });
  const server = setupServer(...mswHandlers('https://nlus.naviensmartcontrol.com', cloud.handler));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('signs in against the real base URL and lists devices and device info', async () => {
    await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, { clock, env: {} });
    expect(auth.baseUrl).toBe('https://nlus.naviensmartcontrol.com/api/v2.1');
    const api = new NavienApiClient(auth);
    const devices = await api.listDevices();
    expect(devices.map((d) => d.deviceInfo.macAddress)).toEqual([DEMO_DEVICE.macAddress]);
    const info = await api.getDeviceInfo(devices[0]!.deviceInfo);
    expect(info.deviceInfo.deviceType).toBe(52);
    expect(info.location?.city).toBe('Walnut Creek');
    expect(cloud.counts.logins).toBe(1);
  });
});

describe('session lifecycle against the mock cloud', () => {
  let world = mockWorld();
  const dirs: string[] = [];
  beforeEach(() => {
    world = mockWorld();
  });
  afterEach(async () => {
    await world.closeAll();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('a 401 inside an HTTP 200 refreshes once and replays the call', async () => {
    world = mockWorld({ authFailure: 'code', awsTtlSeconds: 4 * 3600 });
    const api = new NavienApiClient(world.auth());
    await api.listDevices();
    world.cloud.revokeAccessTokens();
    expect(await api.listDevices()).toHaveLength(1);
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(world.cloud.counts.logins).toBe(1);
    world.cloud.rejectAllRequests(true);
    const error = await api.listDevices().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, vendorCode: 401 });
  });

  it('a missing device is a NotFoundError carrying the JSON code', async () => {
    const api = new NavienApiClient(world.auth());
    const error = await api
      .getDeviceInfo({ macAddress: '001122334455', additionalValue: '1' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ vendorCode: 404 });
  });

  it('a refresh reply without id/refresh token keeps the old ones and the AWS credentials', async () => {
    world = mockWorld({ refreshOmitsTokens: true, awsTtlSeconds: 4 * 3600 });
    const auth = world.auth();
    await auth.open();
    const before = auth.currentTokens!;
    world.clock.advance(3_600_000);
    const after = (await auth.ensureValidToken())!;
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.idToken).toBe(before.idToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.accessKeyId).toBe(before.accessKeyId);
    // The AWS deadline stays tied to the sign-in, not to the refresh.
    expect(after.awsExpiresAt).toEqual(before.awsExpiresAt);
  });

  it('stored tokens with an expired JWT but valid AWS credentials are refreshed, not re-signed', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const first = world.auth();
    await first.open();
    const saved = first.currentTokens!.toDict();
    world.clock.advance(2 * 3_600_000);
    const second = world.auth({ storedTokens: saved });
    await second.open();
    expect(world.cloud.counts.logins).toBe(1);
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(second.currentTokens?.accessKeyId).toBe(saved.access_key_id);
  });

  it('without a password a rejected refresh surfaces TokenRefreshError', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const first = world.auth();
    await first.open();
    const saved = first.currentTokens!.toDict();
    world.cloud.revokeRefreshTokens();
    world.clock.advance(2 * 3_600_000);
    // The e-mail comes from the id token's claim.
    const auth = new NavienAuthClient(undefined, undefined, {
      baseUrl: BASE_URL,
      fetch: world.fetch,
      clock: world.clock,
      env: {},
      storedTokens: saved,
    });
    expect(auth.userEmail).toBe(EMAIL);
    await expect(auth.open()).rejects.toBeInstanceOf(TokenRefreshError);
    await auth.close();
  });

  it('refreshToken(): valid tokens come back without a call; the current refresh token forces one', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const auth = world.auth();
    await auth.open();
    const current = auth.currentTokens!;
    expect((await auth.refreshToken()).accessToken).toBe(current.accessToken);
    expect((await auth.refreshToken('an-old-refresh-token')).accessToken).toBe(current.accessToken);
    expect(world.cloud.counts.refreshes).toBe(0);
    const forced = await auth.refreshToken(current.refreshToken);
    expect(forced.accessToken).not.toBe(current.accessToken);
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('refreshToken(token) on a new client adopts the stored session instead of overwriting it', async () => {
    const store = new MemoryStore();
    const first = world.auth({ store });
    await first.open();
    const held = first.currentTokens!;
    const second = world.auth({ store });
    const tokens = await second.refreshToken('a-refresh-token-from-elsewhere');
    expect(tokens.accessToken).toBe(held.accessToken);
    expect(tokens.accessKeyId).toBe(held.accessKeyId);
    expect(world.cloud.counts.refreshes).toBe(0);
  });

  it('a forced renewal that fails says so instead of handing back the old tokens', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const first = world.auth();
    await first.open();
    const saved = first.currentTokens!.toDict();
    const auth = new NavienAuthClient(EMAIL, undefined, {
      baseUrl: BASE_URL,
      fetch: world.fetch,
      clock: world.clock,
      env: {},
      storedTokens: saved,
    });
    await auth.open();
    world.cloud.revokeRefreshTokens();
    await expect(auth.refreshToken(saved.refresh_token)).rejects.toBeInstanceOf(TokenRefreshError);
    expect(auth.currentTokens?.accessToken).toBe(saved.access_token);
    // Only a sign-in renews AWS credentials, and without a password there is none: say so.
    await expect(auth.renewAwsCredentials('test')).rejects.toThrow(/NAVIEN_PASSWORD/);
    await auth.close();
  });

  it('persists to a 0600 FileStore with the absolute AWS deadline, and a restart does not sign in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'navien-store-'));
    dirs.push(dir);
    const path = join(dir, 'sessions.json');
    await world.auth({ store: new FileStore({ path }) }).open();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const file = await readFile(path, 'utf8');
    expect(file).toContain('awsExpiresAt');
    expect(file).not.toContain(PASSWORD);
    const restarted = world.auth({ store: new FileStore({ path }) });
    await restarted.open();
    expect(restarted.currentUser?.fullName).toBe('Demo User');
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('sign-in failures on the server are ApiErrors; the client still signs in afterwards', async () => {
    const auth = world.auth();
    world.cloud.failNextLogin(503);
    await expect(auth.open()).rejects.toMatchObject({ status: 503, vendorCode: 503 });
    await auth.open();
    expect(auth.isAuthenticated).toBe(true);
  });

  it('rejects bad input early with ConfigurationError naming it', async () => {
    const bad = (fn: () => unknown, name: RegExp) => {
      expect(fn).toThrow(ConfigurationError);
      expect(fn).toThrow(name);
    };
    bad(() => new NavienAuthClient(EMAIL, PASSWORD, { baseUrl: 'not a url', env: {} }), /baseUrl/);
    bad(
      () => new NavienAuthClient(EMAIL, PASSWORD, { env: { TOKENWISE_NAVIEN_URL: 'ftp://x' } }),
      /TOKENWISE_NAVIEN_URL/,
    );
    bad(() => new NavienAuthClient(42 as unknown as string, PASSWORD, { env: {} }), /email/);
    bad(() => new NavienAuthClient(EMAIL, '', { env: {} }), /password/);
    bad(
      () => new NavienAuthClient(EMAIL, PASSWORD, { storedTokens: { accessToken: 7 }, env: {} }),
      /accessToken/,
    );
    bad(() => new NavienAuthClient(undefined, undefined, { env: {} }).manager, /NAVIEN_EMAIL/);
    const first = world.auth();
    await first.open();
    const foreign = first.currentTokens!.toDict();
    bad(
      () => new NavienAuthClient('other@example.com', PASSWORD, { storedTokens: foreign, env: {} }),
      /account/,
    );
    bad(() => new NavienApiClient(undefined as unknown as NavienAuthClient), /NavienAuthClient/);
    bad(() => new NavienMqttClient({} as NavienAuthClient), /NavienAuthClient/);
    const api = new NavienApiClient(world.auth());
    await expect(api.listDevices({ count: 50 })).rejects.toThrow(/count/);
    await expect(api.listDevices(null as unknown as ListDevicesOptions)).rejects.toThrow(ConfigurationError);
    const mqtt = new NavienMqttClient(world.auth());
    await expect(mqtt.subscribe('cmd/#', 'nope' as unknown as () => void)).rejects.toThrow(/handler/);
    await mqtt.close();
    await expect(
      new NavienAuthClient(EMAIL, undefined, { baseUrl: BASE_URL, fetch: world.fetch, env: {} }).open(),
    ).rejects.toThrow(/NAVIEN_PASSWORD/);
  });

  it('the API client applies storedTokens before its first call instead of signing in', async () => {
    const first = world.auth();
    await first.open();
    const saved = first.currentTokens!.toDict();
    const api = new NavienApiClient(world.auth({ storedTokens: saved }));
    expect(await api.listDevices()).toHaveLength(1);
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('AuthTokens given as storedTokens are used as they are', async () => {
    const first = world.auth();
    await first.open();
    const tokens = AuthTokens.modelValidate(first.currentTokens!.toDict(), { clock: world.clock });
    const second = world.auth({ storedTokens: tokens });
    expect(await second.ensureValidToken()).toBeDefined();
    expect(world.cloud.counts.logins).toBe(1);
  });
});

describe('restored tokens without a password', () => {
  let world = mockWorld();
  afterEach(async () => {
    await world.closeAll();
    world = mockWorld();
  });

  it('keep REST working on refreshes after the AWS credentials lapse; AWS IoT then needs the password', async () => {
    const first = world.auth();
    await first.open();
    const saved = first.currentTokens!.toDict();
    world.clock.advance(2 * 3_600_000);
    const auth = new NavienAuthClient(EMAIL, undefined, {
      baseUrl: BASE_URL,
      fetch: world.fetch,
      clock: world.clock,
      env: {},
      storedTokens: saved,
    });
    const api = new NavienApiClient(auth);
    expect(await api.listDevices()).toHaveLength(1);
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(world.cloud.counts.logins).toBe(1);
    expect(auth.currentTokens?.hasAwsCredentials).toBe(false);
    // An hour later the JWT is refreshed again: still no sign-in.
    world.clock.advance(3_600_000);
    expect(await api.listDevices()).toHaveLength(1);
    expect(world.cloud.counts.refreshes).toBe(2);
    const error = await auth.getAwsCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toMatch(/NAVIEN_PASSWORD/);
    expect(world.cloud.counts.logins).toBe(1);
    await auth.close();
  });
});
