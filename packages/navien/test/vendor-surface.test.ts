import { afterEach, describe, expect, it } from 'vitest';
import {
  ClientClosedError,
  MemoryStore,
  NavienApiClient,
  NavienAuthClient,
  RateLimitError,
  TokenRefreshError,
} from '../src/index.js';
import { BASE_URL, EMAIL, mockWorld, PASSWORD } from './helpers/harness.js';

describe('the surface every tokenwise vendor shares', () => {
  let world = mockWorld();
  afterEach(async () => {
    await world.closeAll();
    world = mockWorld();
  });

  it('manager is there right after construction, one object for the account, and no I/O happened', () => {
    const auth = world.auth();
    expect(auth.manager).toBe(auth.manager);
    expect(auth.manager.key).toBe(`navien:${EMAIL}`);
    expect(world.cloud.counts.requests + world.cloud.counts.logins).toBe(0);
  });

  it('baseUrl: the option, else TOKENWISE_NAVIEN_URL, else production; trailing slash trimmed', () => {
    const make = (options: ConstructorParameters<typeof NavienAuthClient>[2]) =>
      new NavienAuthClient(EMAIL, PASSWORD, options).baseUrl;
    expect(make({ baseUrl: `${BASE_URL}/`, env: { TOKENWISE_NAVIEN_URL: 'https://other.test' } })).toBe(
      BASE_URL,
    );
    expect(make({ env: { TOKENWISE_NAVIEN_URL: 'https://other.test/api/' } })).toBe('https://other.test/api');
    expect(make({ env: {} })).toBe('https://nlus.naviensmartcontrol.com/api/v2.1');
    expect(() => make({ baseUrl: 'https://user:pw@x.test', env: {} })).toThrow(/credentials/);
  });

  it('request() is an authorized call relative to baseUrl that renews once on a rejected token', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const auth = world.auth();
    const call = () => auth.request('device/list', { json: { offset: 0, count: 20, userId: EMAIL } });
    const first = await call();
    expect(first.status).toBe(200);
    expect(((await first.json()) as { data: unknown[] }).data).toHaveLength(1);
    world.cloud.revokeAccessTokens();
    expect((await call()).status).toBe(200);
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('maxBackOffMs bounds the back-off a 429 leaves behind', async () => {
    const auth = world.auth({ maxBackOffMs: 60_000 });
    world.cloud.rateLimitNextLogin(2 * 3_600_000);
    await expect(auth.signIn()).rejects.toBeInstanceOf(RateLimitError);
    expect(auth.manager.rateLimitedForMs).toBeLessThanOrEqual(60_000);
    expect(auth.manager.rateLimitedForMs).toBeGreaterThan(0);
  });

  it('after close() every call fails with ClientClosedError, the API client too', async () => {
    const auth = world.auth();
    const api = new NavienApiClient(auth);
    await api.listDevices();
    await auth.close();
    await auth.close();
    await expect(auth.request('device/list')).rejects.toBeInstanceOf(ClientClosedError);
    await expect(auth.open()).rejects.toBeInstanceOf(ClientClosedError);
    await expect(auth.signIn()).rejects.toBeInstanceOf(ClientClosedError);
    await expect(api.listDevices()).rejects.toBeInstanceOf(ClientClosedError);
    await expect(auth.refreshToken()).rejects.toThrow(
      'This NavienAuthClient client is closed; create a new one',
    );
  });

  it('refreshToken(token) on an empty client: a refused token throws and nothing is stored', async () => {
    const store = new MemoryStore();
    const auth = world.auth({ store });
    await expect(auth.refreshToken('not-a-refresh-token')).rejects.toBeInstanceOf(TokenRefreshError);
    expect(await store.get(auth.manager.key)).toBeUndefined();
    expect(auth.isAuthenticated).toBe(false);
    expect(world.cloud.counts.logins).toBe(0);
  });

  it('refreshToken(token) on an empty client spends a good token once and keeps only the renewed session', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const first = world.auth();
    await first.open();
    const refreshToken = first.currentTokens!.refreshToken;
    const second = world.auth();
    const tokens = await second.refreshToken(refreshToken);
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(tokens.refreshToken).toBe(refreshToken);
    expect(tokens.accessToken).not.toBe(first.currentTokens!.accessToken);
    expect(second.currentTokens?.accessToken).toBe(tokens.accessToken);
  });
});
