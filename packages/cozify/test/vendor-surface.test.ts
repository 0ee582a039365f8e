import { ClientClosedError, ErrorCodes, isTokenwiseError, MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cozify, DEFAULT_CLOUD_URL } from '../src/index.js';
import { CLOUD_URL, EMAIL, mockWorld, rejectionOf } from './helpers.js';

const DAY = 86_400_000;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the unified client surface', () => {
  it('baseUrl: the option, else TOKENWISE_COZIFY_URL, else the production cloud', () => {
    vi.stubEnv('TOKENWISE_COZIFY_URL', '');
    expect(new Cozify().baseUrl).toBe(DEFAULT_CLOUD_URL);
    vi.stubEnv('TOKENWISE_COZIFY_URL', 'http://127.0.0.1:9/ui/0.2/');
    expect(new Cozify().baseUrl).toBe('http://127.0.0.1:9/ui/0.2');
    expect(new Cozify({ baseUrl: CLOUD_URL }).baseUrl).toBe(CLOUD_URL);
  });

  it('request() is an authorized cloud call for endpoints the SDK does not wrap', async () => {
    const { cloud, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    const response = await cozify.request('user/hubkeys');
    expect(response.status).toBe(200);
    expect(Object.keys((await response.json()) as object)).toHaveLength(1);
    expect(cloud.counts.logins).toBe(1);
    // The token the cloud stops accepting is renewed once, without a second OTP.
    cloud.revokeAccessTokens();
    cloud.revokeRefreshTokens();
    await expect(cozify.request('user/hubkeys')).resolves.toMatchObject({ status: 200 });
    expect(cloud.counts.logins).toBe(2);
  });

  it('manager is the cloud session manager; hubs keep their own', async () => {
    const { client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    expect(cozify.manager).toBe(await cozify.cloudSessionManager());
    const hub = await cozify.hub();
    expect(hub.manager).not.toBe(cozify.manager);
    expect(await hub.manager.restore()).toBeDefined();
  });

  it('manager is known once the account is: from `email`, or read from the store', async () => {
    const { fetch, otp } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    const first = new Cozify({ email: EMAIL, store, fetch, otp, baseUrl: CLOUD_URL });
    await first.authenticate();
    const later = new Cozify({ store, fetch, baseUrl: CLOUD_URL });
    expect(() => later.manager).toThrow(/No Cozify account yet/);
    expect(await later.email()).toBe(EMAIL);
    expect(later.manager.key).toBe(first.manager.key);
  });

  it('close(): every later call fails with ClientClosedError; close is idempotent', async () => {
    const { client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    await Promise.all([cozify.close(), cozify.close()]);
    for (const call of [cozify.cloudHubs(), cozify.request('user/hubkeys'), cozify.hubs(), cozify.email()]) {
      expect(await rejectionOf(call)).toBeInstanceOf(ClientClosedError);
    }
    expect(() => cozify.manager).toThrow(ClientClosedError);
  });

  it('maxBackOffMs bounds a login back-off the cloud asks for', async () => {
    const { cloud, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore(), { maxBackOffMs: 60_000 });
    cloud.rateLimitNextLogin(10 * 3_600_000);
    const error = await rejectionOf(cozify.cloudHubs());
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('a refused refresh never turns into an OTP e-mail nobody reads', () => {
  it('a still-valid token keeps being served, without requestlogin or a refresh loop', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    await client(store).authenticate();
    // No `otp` and no terminal: a login must fail with OtpRequiredError before anything is sent.
    const unattended = client(store, { otp: undefined });
    clock.advance(2 * DAY);
    cloud.refuseRefresh(true);
    await expect(unattended.cloudHubs()).resolves.toHaveLength(1);
    const refused = cloud.counts.failedRefreshes;
    expect(refused).toBe(1);
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      await expect(unattended.cloudHubs()).resolves.toHaveLength(1);
    }
    // The refused token is not offered again, and no code was e-mailed.
    expect(cloud.counts.failedRefreshes).toBe(refused);
    expect(cloud.counts.otpRequests).toBe(1);

    // Once the cloud rejects the token itself, the typed error surfaces, still without an e-mail.
    cloud.revokeAccessTokens();
    const error = await rejectionOf(unattended.cloudHubs());
    expect(isTokenwiseError(error, ErrorCodes.OtpRequiredError)).toBe(true);
    expect(cloud.counts.otpRequests).toBe(1);
  });

  it('refresh() reports a refusal as false and drops the token; it never logs in', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    clock.advance(2 * DAY);
    cloud.revokeRefreshTokens();
    expect(await cozify.refresh()).toBe(false);
    expect(await cozify.token()).toBeUndefined();
    expect(cloud.counts).toMatchObject({ logins: 1, otpRequests: 1, refreshes: 0, failedRefreshes: 1 });
  });
});
