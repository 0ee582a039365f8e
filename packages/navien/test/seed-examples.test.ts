import { afterEach, describe, expect, it } from 'vitest';
import { AuthTokens, InvalidCredentialsError, NavienAuthClient } from '../src/index.js';
import { BASE_URL, EMAIL, mockWorld, PASSWORD } from './helpers/harness.js';

// The five examples of the seed documentation, as behaviour.
describe('seed examples', () => {
  let world = mockWorld();
  afterEach(async () => {
    await world.closeAll();
    world = mockWorld();
  });
  const options = () => ({ baseUrl: BASE_URL, fetch: world.fetch, clock: world.clock, env: {} });

  it('1. basic: create() signs in and exposes user, e-mail and token expiry', async () => {
    await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, options());
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.currentUser?.fullName).toBe('Demo User');
    expect(auth.userEmail).toBe(EMAIL);
    const tokens = auth.currentTokens!;
    expect(tokens.expiresAt.getTime()).toBe(world.clock.now() + 3_600_000);
    expect(tokens.timeUntilExpiry).toBe(3_600_000);
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('2. environment variables: no arguments reads NAVIEN_EMAIL and NAVIEN_PASSWORD', async () => {
    const env = { NAVIEN_EMAIL: EMAIL, NAVIEN_PASSWORD: PASSWORD, TOKENWISE_NAVIEN_URL: BASE_URL };
    await using auth = await NavienAuthClient.create(undefined, undefined, {
      fetch: world.fetch,
      clock: world.clock,
      env,
    });
    expect(auth.userEmail).toBe(EMAIL);
    expect(auth.baseUrl).toBe(BASE_URL);
    expect(auth.isAuthenticated).toBe(true);
  });

  it('3. manual: signIn(), token checks, headers, and a wrong password', async () => {
    const auth = new NavienAuthClient(undefined, undefined, options());
    try {
      expect(await auth.ensureValidToken()).toBeUndefined();
      const response = await auth.signIn(EMAIL, PASSWORD);
      expect(response.userInfo.fullName).toBe('Demo User');
      expect(response.message).toBe('SUCCESS');
      expect(response.tokens.timeUntilExpiry).toBe(3_600_000);
      expect(auth.currentTokens?.isExpired).toBe(false);
      expect(await auth.ensureValidToken()).toBeInstanceOf(AuthTokens);
      const headers = auth.getAuthHeaders();
      expect(headers.authorization).toBe(response.tokens.accessToken);
      expect(headers.authorization?.startsWith('Bearer')).toBe(false);
      expect(response.tokens.bearerToken).toBe(`Bearer ${response.tokens.accessToken}`);
      await expect(auth.signIn(EMAIL, 'wrong-password!')).rejects.toBeInstanceOf(InvalidCredentialsError);
    } finally {
      await auth.close();
    }
  });

  it('4. long-running: 24 simulated hours cost one sign-in per AWS credential lifetime, never more', async () => {
    await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, options());
    for (let minute = 0; minute < 24 * 60; minute += 10) {
      world.clock.advance(10 * 60_000);
      const tokens = await auth.ensureValidToken();
      expect(tokens?.isExpired).toBe(false);
      expect(tokens?.areAwsCredentialsExpired).toBe(false);
    }
    // JWT and STS credentials both last an hour and refresh cannot renew STS: one sign-in per ~55 min.
    expect(world.cloud.counts.logins).toBeLessThanOrEqual(Math.ceil((24 * 60) / 55) + 1);
    expect(world.cloud.counts.logins).toBeGreaterThanOrEqual(24);
    expect(world.cloud.counts.refreshes).toBe(0);
  });

  it('4b. long-running with longer-lived AWS credentials: the JWT is refreshed, not re-signed', async () => {
    world = mockWorld({ awsTtlSeconds: 12 * 3600 });
    await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, options());
    for (let hour = 0; hour < 24; hour++) {
      world.clock.advance(3_600_000);
      await auth.ensureValidToken();
    }
    // Sign-ins at 0 h, 12 h and 24 h, when the STS credentials run out; refreshes every hour between.
    expect(world.cloud.counts.logins).toBe(3);
    expect(world.cloud.counts.refreshes).toBe(22);
  });

  it('5. restoring saved tokens skips sign-in; expired AWS credentials force one', async () => {
    let saved: ReturnType<AuthTokens['toDict']>;
    {
      await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, options());
      saved = JSON.parse(JSON.stringify(auth.currentTokens!.toDict()));
    }
    expect(world.cloud.counts.logins).toBe(1);

    world.clock.advance(10 * 60_000);
    const storedTokens = AuthTokens.modelValidate(saved, { clock: world.clock });
    {
      await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, { ...options(), storedTokens });
      expect(auth.isAuthenticated).toBe(true);
      expect(auth.currentTokens?.issuedAt).toEqual(storedTokens.issuedAt);
      // User info is not part of saved tokens.
      expect(auth.currentUser?.fullName).toBe('');
    }
    expect(world.cloud.counts.logins).toBe(1);
    expect(world.cloud.counts.refreshes).toBe(0);

    world.clock.advance(60 * 60_000);
    {
      await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, {
        ...options(),
        storedTokens: saved,
      });
      const renewed = auth.currentTokens!;
      expect(renewed.issuedAt.getTime()).not.toBe(storedTokens.issuedAt.getTime());
      expect(renewed.areAwsCredentialsExpired).toBe(false);
      expect(renewed.accessKeyId).not.toBe(storedTokens.accessKeyId);
    }
    expect(world.cloud.counts.logins).toBe(2);
  });
});
