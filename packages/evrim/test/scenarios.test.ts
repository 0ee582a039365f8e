import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  Evrim,
  InvalidCredentialsError,
  isTokenwiseError,
  TokenExpiredError,
} from '../src/index.js';
import { createWorld, rejectionOf } from './world.js';

describe('seed scenario: username/password authentication', () => {
  it('create() logs in once and holds both tokens', async () => {
    const w = createWorld();
    const client = await w.create();
    expect(w.cloud.counts.logins).toBe(1);
    const info = client.sessionInfo();
    expect(info?.hasRefreshToken).toBe(true);
    expect(info?.expiresAt).toBe(w.clock.now() + 300_000);
    expect(info?.refreshExpiresAt).toBe(w.clock.now() + 86_400_000);
    await client.close();
  });

  it('a wrong password is InvalidCredentialsError', async () => {
    const w = createWorld();
    const error = await rejectionOf(w.create({ password: 'nope-nope' }));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(w.cloud.counts.failedLogins).toBe(1);
  });
});

describe('seed scenario: token validation after time passes', () => {
  it('is true after 20 s, false after expiry, and the next call refreshes without a login', async () => {
    const w = createWorld();
    const client = await w.create();
    w.clock.advance(20_000);
    expect(await client.validateToken()).toBe(true);
    w.clock.advance(300_000);
    expect(await client.validateToken()).toBe(false);
    await client.tasks();
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 1 });
    expect(await client.validateToken()).toBe(true);
  });

  it('validates a given token, and is false without any token', async () => {
    const w = createWorld();
    const lazy = new Evrim(w.options());
    expect(await lazy.validateToken()).toBe(false);
    const { refresh } = await w.login();
    expect(await lazy.validateToken({ token: refresh })).toBe(true);
    expect(await lazy.validateToken({ token: 'not-a-token' })).toBe(false);
    expect(w.cloud.counts.logins).toBe(1);
  });

  it('a 5xx from /token/verify/ is a typed error, not false', async () => {
    const w = createWorld();
    const client = await w.create({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.url.endsWith('/token/verify/'))
          return new Response('<h1>Server Error (500)</h1>', { status: 500 });
        return w.fetch(request);
      },
    });
    const error = await rejectionOf(client.validateToken());
    expect(isTokenwiseError(error, ErrorCodes.ApiError)).toBe(true);
  });
});

describe('seed scenario: refresh vs set-token', () => {
  it('refreshToken() gets a new access token and keeps the refresh token (the upstream client lost it)', async () => {
    const w = createWorld();
    const client = await w.create();
    const before = client.manager.peek();
    w.clock.advance(10_000);
    await client.refreshToken();
    const after = client.manager.peek();
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 1 });
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).toBe(before?.refreshToken);
    expect(after?.refreshExpiresAt).toBe(before?.refreshExpiresAt);
  });

  it('setToken() logs in again for a whole new pair', async () => {
    const w = createWorld();
    const client = await w.create();
    const before = client.manager.peek();
    await client.setToken();
    const after = client.manager.peek();
    expect(w.cloud.counts).toMatchObject({ logins: 2, refreshes: 0 });
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    // The flag that forced the login is spent: the next renewal refreshes again.
    w.clock.advance(300_000);
    await client.tasks();
    expect(w.cloud.counts).toMatchObject({ logins: 2, refreshes: 1 });
  });

  it('setToken() without a password is a ConfigurationError and sends nothing', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    const client = await w.fromToken({ token: access, refresh });
    const error = await rejectionOf(client.setToken());
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
    expect((error as Error).message).toContain('EVRIM_PASSWORD');
  });

  it('an expired refresh token falls back to the password login', async () => {
    const w = createWorld();
    const client = await w.create();
    w.clock.advance(86_400_000 + 1_000);
    await client.tasks();
    expect(w.cloud.counts).toMatchObject({ logins: 2, refreshes: 0, failedRefreshes: 0 });
  });

  it('a blacklisted refresh token without a password is TokenExpiredError', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    const client = await w.fromToken({ token: access, refresh });
    w.cloud.revokeRefreshTokens();
    w.clock.advance(300_000);
    const error = await rejectionOf(client.tasks());
    expect(error).toBeInstanceOf(TokenExpiredError);
    expect(w.cloud.counts.failedRefreshes).toBe(1);
  });
});

describe('seed scenario: existing JWT authentication', () => {
  it('verifies a valid token once and uses it without logging in', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    const client = await w.fromToken({ token: access, refresh });
    expect(w.cloud.counts.verifies).toBe(1);
    expect((await client.tasks()).length).toBeGreaterThan(0);
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 0 });
    expect(client.manager.key).toBe('evrim:user-1');
  });

  it('a later run with the same tokens reuses the stored, already refreshed session', async () => {
    const w = createWorld();
    const store = new MemoryStore();
    const { access, refresh } = await w.login();
    await w.fromToken({ token: access, refresh, store });
    w.clock.advance(600_000);
    const first = await w.fromToken({ token: access, refresh, store });
    expect(w.cloud.counts).toMatchObject({ verifies: 1, refreshes: 1 });
    const second = await w.fromToken({ token: access, refresh, store });
    await second.tasks();
    expect(w.cloud.counts).toMatchObject({ verifies: 1, refreshes: 1, logins: 1 });
    expect(second.manager.peek()?.accessToken).toBe(first.manager.peek()?.accessToken);
  });

  it('validate: false skips /token/verify/', async () => {
    const w = createWorld();
    const { access } = await w.login();
    await w.fromToken({ token: access, validate: false });
    expect(w.cloud.counts.verifies).toBe(0);
  });

  it('an expired access token with a refresh token is refreshed instead of failing', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    w.clock.advance(600_000);
    const client = await w.fromToken({ token: access, refresh });
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 1 });
    expect(client.manager.peek()?.accessToken).not.toBe(access);
    await client.tasks();
    expect(w.cloud.counts.refreshes).toBe(1);
  });

  it('a token the server rejected before its exp is refreshed after verify says no', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    w.cloud.revokeAccessTokens();
    const client = await w.fromToken({ token: access, refresh, username: 'demo', password: 'demo-password' });
    expect(w.cloud.counts).toMatchObject({ verifies: 1, failedRefreshes: 1, logins: 2 });
    expect(client.manager.key).toBe('evrim:demo');
  });

  it('an expired access token with neither refresh token nor password is TokenExpiredError', async () => {
    const w = createWorld();
    const { access } = await w.login();
    w.clock.advance(600_000);
    const error = await rejectionOf(w.fromToken({ token: access }));
    expect(error).toBeInstanceOf(TokenExpiredError);
    expect(w.cloud.counts.verifies).toBe(0);
  });

  it('a refresh token alone is exchanged for an access token', async () => {
    const w = createWorld();
    const { refresh } = await w.login();
    const client = await w.fromToken({ refresh });
    expect(w.cloud.counts.refreshes).toBe(1);
    expect(client.manager.peek()?.refreshToken).toBe(refresh);
    await client.tasks();
  });

  it('a rejected refresh token alone is TokenExpiredError', async () => {
    const w = createWorld();
    const { refresh } = await w.login();
    w.cloud.revokeRefreshTokens();
    const error = await rejectionOf(w.fromToken({ refresh }));
    expect(error).toBeInstanceOf(TokenExpiredError);
  });

  it('no token at all is a ConfigurationError naming EVRIM_TOKEN', async () => {
    const w = createWorld();
    const error = await rejectionOf(w.fromToken({}));
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
    expect((error as Error).message).toContain('EVRIM_TOKEN');
  });
});
