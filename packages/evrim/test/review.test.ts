import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, Evrim, TokenExpiredError } from '../src/index.js';
import { createWorld, rejectionOf } from './world.js';

describe('fromToken never replaces a working stored session with dead tokens', () => {
  it('a later run with rotated-out tokens continues from the stored, rotated session (no password, no login)', async () => {
    const w = createWorld({ rotateRefreshTokens: true, blacklistAfterRotation: true });
    const store = new MemoryStore();
    const { access, refresh } = await w.login();
    const first = await w.fromToken({ token: access, refresh, store });
    w.clock.advance(300_000);
    await first.tasks(); // refreshes: the stored pair is now rotated, `refresh` is blacklisted
    await first.close();
    w.clock.advance(300_000); // the stored access token has expired too
    const second = await w.fromToken({ token: access, refresh, store });
    await second.tasks();
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 2 });
    expect(second.manager.peek()?.refreshToken).not.toBe(refresh);
  });

  it('when nothing can renew the handed-in tokens, the store keeps what it had', async () => {
    const w = createWorld();
    const store = new MemoryStore();
    const { access, refresh } = await w.login();
    await w.fromToken({ token: access, refresh, store, validate: false });
    const before = await store.get('evrim:user-1');
    w.cloud.revokeAccessTokens();
    const error = await rejectionOf(
      w.fromToken({ token: 'x.y.z', refresh: 'a.b.c', username: 'demo', store }),
    );
    expect(error).toBeInstanceOf(TokenExpiredError);
    expect((error as Error).message).toBe(
      'The Evrim access token is invalid or expired, and no refresh token, stored session or password can renew it',
    );
    expect(await store.get('evrim:demo')).toBeUndefined();
    expect(await store.get('evrim:user-1')).toEqual(before);
  });

  it('accepts the 0.1.1 names accessToken / refreshToken', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    const client = await w.fromToken({ accessToken: access, refreshToken: refresh });
    expect(client.manager.peek()?.refreshToken).toBe(refresh);
    expect(w.cloud.counts.verifies).toBe(1);
  });
});

describe('setToken', () => {
  it('logs in without first asking for (and failing) a refresh', async () => {
    const w = createWorld();
    const client = await w.create();
    const errors: string[] = [];
    client.manager.on('error', (event) => errors.push(event.message));
    await client.setToken();
    expect(errors).toEqual([]);
    expect(w.cloud.counts).toMatchObject({ logins: 2, refreshes: 0, failedRefreshes: 0 });
  });
});

describe('bad input is a ConfigurationError naming the problem', () => {
  it('fromToken(null), a non-boolean validate, null call options and a bad signal', async () => {
    const w = createWorld();
    await expect(Evrim.fromToken(null as never)).rejects.toBeInstanceOf(ConfigurationError);
    const { access } = await w.login();
    await expect(w.fromToken({ token: access, validate: 'no' as never })).rejects.toThrow(
      /option `validate`/,
    );
    const client = await w.create();
    await expect(client.validateToken(null as never)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(client.tasks(null as never)).resolves.toHaveLength(1);
    await expect(client.tasks({ signal: 'x' as never })).rejects.toThrow(
      /option `signal` must be an AbortSignal/,
    );
  });

  it('validateToken(token) takes the token positionally, like the Python validate_token(token)', async () => {
    const w = createWorld();
    const client = await w.create();
    const { refresh } = await w.login();
    expect(await client.validateToken(refresh)).toBe(true);
    expect(await client.validateToken('not-a-token')).toBe(false);
  });
});

describe('data call errors and proactive refresh', () => {
  it('a permission 403 is an ApiError with the server reason, an authentication 403 an AuthenticationError', async () => {
    const { mapDataError } = await import('../src/errors.js');
    const response = (status: number) => {
      const r = new Response(null, { status });
      Object.defineProperty(r, 'url', { value: 'https://api.evrim.test/prod/reports/1/' });
      return r;
    };
    const denied = mapDataError(response(403), {
      detail: 'You do not have permission to perform this action.',
    });
    expect(denied).toMatchObject({ code: 'TOKENWISE_API', status: 403 });
    expect(denied?.message).toContain('You do not have permission');
    const unauthenticated = mapDataError(response(403), {
      detail: 'Authentication credentials were not provided.',
    });
    expect(unauthenticated?.code).toBe('TOKENWISE_AUTHENTICATION');
  });

  it('refreshes inside the margin before exp, so the server never sees an expired token', async () => {
    const w = createWorld();
    const client = await w.create();
    w.clock.advance(250_000); // 50 s left: inside the 60 s margin
    await client.tasks();
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 1, rejectedRequests: 0 });
  });
});
