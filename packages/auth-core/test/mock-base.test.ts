import { describe, expect, it } from 'vitest';
import { FakeClock } from '../src/testing/fake-clock.js';
import { fakeJwt, verifyFakeJwt } from '../src/testing/mock-base/fake-jwt.js';
import { MockCloud, mockCloudCounts } from '../src/testing/mock-base/mock-cloud.js';
import { MockTokens } from '../src/testing/mock-base/mock-tokens.js';
import { ReferenceCloud } from '../src/testing/reference/reference-cloud.js';

const decodePart = (part: string | undefined) =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));

describe('MockTokens', () => {
  it('issues, looks up, expires, revokes one and all', () => {
    const tokens = new MockTokens<string>();
    expect(tokens.issue('a', 'alice', 1_000)).toBe('a');
    tokens.issue('b', 'bob');
    expect(tokens.size).toBe(2);
    expect(tokens.lookup('a')).toBe('alice');
    expect(tokens.lookup('a', 999)).toBe('alice');
    expect(tokens.lookup('a', 1_000)).toBeUndefined();
    expect(tokens.lookup('b', Number.MAX_SAFE_INTEGER)).toBe('bob');
    expect(tokens.lookup('nope')).toBeUndefined();
    expect(tokens.lookup(null)).toBeUndefined();
    expect(tokens.lookup(undefined)).toBeUndefined();
    expect(tokens.revoke('a')).toBe(true);
    expect(tokens.revoke('a')).toBe(false);
    expect(tokens.lookup('a')).toBeUndefined();
    tokens.revokeAll();
    expect(tokens.lookup('b')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('defaults its data to true', () => {
    const tokens = new MockTokens();
    tokens.issue('t', true);
    expect(tokens.lookup('t')).toBe(true);
  });
});

describe('fakeJwt / verifyFakeJwt', () => {
  it('round-trips claims under the key', () => {
    const token = fakeJwt({ sub: 'me', exp: 123 }, { key: 'k1' });
    expect(verifyFakeJwt(token, 'k1')).toEqual({ sub: 'me', exp: 123 });
    expect(verifyFakeJwt(token, Buffer.from('k1'))).toEqual({ sub: 'me', exp: 123 });
  });

  it('a wrong key, a tampered payload or a non-JWT reads as undefined', () => {
    const token = fakeJwt({ sub: 'me' }, { key: 'k1' });
    expect(verifyFakeJwt(token, 'k2')).toBeUndefined();
    const [head, , signature] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url')}.${signature}`;
    expect(verifyFakeJwt(forged, 'k1')).toBeUndefined();
    expect(verifyFakeJwt('not-a-jwt', 'k1')).toBeUndefined();
    // Unsigned (random signature) tokens never verify.
    expect(verifyFakeJwt(fakeJwt({ sub: 'me' }), 'k1')).toBeUndefined();
  });

  it('keeps a custom header in its key order, and defaults to HS256/JWT', () => {
    const header = { typ: 'JWT', kid: 'k-7', alg: 'HS256' };
    const token = fakeJwt({ sub: 'me' }, { header, key: 'k' });
    expect(Object.keys(decodePart(token.split('.')[0]))).toEqual(['typ', 'kid', 'alg']);
    expect(verifyFakeJwt(token, 'k')).toEqual({ sub: 'me' });
    expect(decodePart(fakeJwt({}).split('.')[0])).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodePart(fakeJwt({ a: 1 }).split('.')[1])).toEqual({ a: 1 });
  });

  it('refuses a token whose header names another algorithm', () => {
    const token = fakeJwt({ sub: 'me' }, { header: { alg: 'none' }, key: 'k' });
    expect(verifyFakeJwt(token, 'k')).toBeUndefined();
  });
});

describe('MockCloud controls, through ReferenceCloud', () => {
  const base = 'https://reference.test';
  const setup = () => {
    const clock = new FakeClock();
    const cloud = new ReferenceCloud({ clock });
    const login = (password = 'demo-password') =>
      cloud.handler(
        new Request(`${base}/auth/login`, {
          method: 'POST',
          body: JSON.stringify({ username: 'demo@example.com', password }),
        }),
      );
    const refresh = (token: string) =>
      cloud.handler(
        new Request(`${base}/auth/refresh`, {
          method: 'POST',
          body: JSON.stringify({ refresh_token: token }),
        }),
      );
    const items = (token: string) =>
      cloud.handler(new Request(`${base}/api/items`, { headers: { authorization: `Bearer ${token}` } }));
    const tokens = async (response: Response) =>
      (await response.json()) as { access_token: string; refresh_token: string };
    return { clock, cloud, login, refresh, items, tokens };
  };

  it('is a MockCloud with the common counters, all zero', () => {
    const { cloud } = setup();
    expect(cloud).toBeInstanceOf(MockCloud);
    expect(cloud.counts).toEqual(mockCloudCounts());
    expect(cloud.renewsBy).toBe('refresh');
    expect(mockCloudCounts({ hubKeys: 2 })).toMatchObject({ logins: 0, hubKeys: 2 });
  });

  it('rateLimitNextLogin answers one login with 429 and Retry-After, counted as rateLimited', async () => {
    const { cloud, login } = setup();
    cloud.rateLimitNextLogin(30_000);
    const limited = await login();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(cloud.counts).toMatchObject({ rateLimited: 1, logins: 0, failedLogins: 0 });
    expect((await login()).status).toBe(200);
    expect(cloud.counts).toMatchObject({ rateLimited: 1, logins: 1 });
  });

  it('failNextLogin answers one login with the status, counted as failedLogins', async () => {
    const { cloud, login } = setup();
    cloud.failNextLogin();
    cloud.failNextLogin(502);
    expect((await login()).status).toBe(503);
    expect((await login()).status).toBe(502);
    expect((await login()).status).toBe(200);
    expect(cloud.counts).toMatchObject({ failedLogins: 2, logins: 1 });
    expect((await login('wrong')).status).toBe(401);
    expect(cloud.counts.failedLogins).toBe(3);
  });

  it('failNextRefresh and failNextRenewal (renewsBy refresh) fail one refresh, counted as failedRefreshes', async () => {
    const { cloud, login, refresh, tokens } = setup();
    const first = await tokens(await login());
    cloud.failNextRefresh(500);
    expect((await refresh(first.refresh_token)).status).toBe(500);
    cloud.failNextRenewal(503);
    expect((await refresh(first.refresh_token)).status).toBe(503);
    expect(cloud.counts).toMatchObject({ failedRefreshes: 2, refreshes: 0, failedLogins: 0 });
    // The token survived the faults: the next refresh works.
    expect((await refresh(first.refresh_token)).status).toBe(200);
    expect(cloud.counts.refreshes).toBe(1);
    // Rotated: the old refresh token is spent.
    expect((await refresh(first.refresh_token)).status).toBe(400);
    expect(cloud.counts.failedRefreshes).toBe(3);
    // A login still works: failNextRenewal did not touch logins.
    expect((await login()).status).toBe(200);
  });

  it('rejectAllRequests rejects every data call until switched off, counted', async () => {
    const { cloud, login, items, tokens } = setup();
    const { access_token } = await tokens(await login());
    expect((await items(access_token)).status).toBe(200);
    cloud.rejectAllRequests();
    expect((await items(access_token)).status).toBe(401);
    cloud.rejectAllRequests(false);
    expect((await items(access_token)).status).toBe(200);
    expect(cloud.counts).toMatchObject({ requests: 3, rejectedRequests: 1 });
  });

  it('revokeAccessTokens and revokeRefreshTokens stop the credentials issued so far', async () => {
    const { cloud, login, refresh, items, tokens } = setup();
    const first = await tokens(await login());
    cloud.revokeAccessTokens();
    expect((await items(first.access_token)).status).toBe(401);
    cloud.revokeRefreshTokens();
    expect((await refresh(first.refresh_token)).status).toBe(400);
    const second = await tokens(await login());
    expect((await items(second.access_token)).status).toBe(200);
  });
});

/** A vendor that renews by logging in again: the smallest honest subclass of the base. */
class LoginOnlyCloud extends MockCloud {
  readonly counts = mockCloudCounts({ pings: 0 });
  readonly renewsBy = 'login' as const;
  readonly access = new MockTokens();
  #next = 0;

  readonly handler = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname === '/login') {
      const fault = this.takeLoginFault();
      if (fault?.kind === 'rate-limit') return new Response(null, { status: 429 });
      if (fault) return new Response(null, { status: fault.status });
      this.counts.logins++;
      return new Response(this.access.issue(`t${++this.#next}`, true));
    }
    this.counts.requests++;
    if (this.rejectingAll || !this.access.lookup(request.headers.get('authorization'))) {
      this.counts.rejectedRequests++;
      return new Response(null, { status: 401 });
    }
    this.counts.pings++;
    return new Response('pong');
  };

  revokeAccessTokens(): void {
    this.access.revokeAll();
  }

  revokeRefreshTokens(): void {
    // Nothing to revoke: this vendor has no refresh credential.
  }
}

describe('MockCloud, a vendor that renews by login', () => {
  const login = (cloud: LoginOnlyCloud) =>
    cloud.handler(new Request('https://v.test/login', { method: 'POST' }));
  const ping = (cloud: LoginOnlyCloud, token: string) =>
    cloud.handler(new Request('https://v.test/ping', { headers: { authorization: token } }));

  it('failNextRenewal fails the next login; faults are taken in order', async () => {
    const cloud = new LoginOnlyCloud();
    cloud.failNextRenewal(500);
    cloud.rateLimitNextLogin();
    expect((await login(cloud)).status).toBe(500);
    expect((await login(cloud)).status).toBe(429);
    const ok = await login(cloud);
    expect(ok.status).toBe(200);
    expect(cloud.counts).toMatchObject({ failedLogins: 1, rateLimited: 1, logins: 1, failedRefreshes: 0 });
    const token = await ok.text();
    expect((await ping(cloud, token)).status).toBe(200);
    cloud.rejectAllRequests();
    expect((await ping(cloud, token)).status).toBe(401);
    cloud.rejectAllRequests(false);
    cloud.revokeAccessTokens();
    expect((await ping(cloud, token)).status).toBe(401);
    expect(cloud.counts).toMatchObject({ requests: 3, rejectedRequests: 2, pings: 1 });
  });
});
