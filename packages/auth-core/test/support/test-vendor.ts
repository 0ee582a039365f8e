import { z } from 'zod';
import type { Clock } from '../../src/clock.js';
import { ApiError, TokenRefreshError } from '../../src/errors.js';
import { sessionBaseSchema } from '../../src/session.js';
import type { AuthStrategy } from '../../src/strategy.js';

/** A session of the test vendor: an access token and a single-use refresh token. */
export const testSessionSchema = sessionBaseSchema.extend({
  token: z.string(),
  refreshToken: z.string().optional(),
});

/** A session of the test vendor. */
export type TestSession = z.infer<typeof testSessionSchema>;

/** What the test vendor's cloud saw, shared by every strategy it built. */
export interface TestVendorCalls {
  login: number;
  refresh: number;
  verify: number;
}

/** Options of {@link testVendor}. */
export interface TestVendorOptions {
  /** Lifetime of every minted session, ms. Default one hour. */
  lifetimeMs?: number;
}

/** Overrides of one strategy built by {@link TestVendor.strategy}. */
export type StrategyOverrides = Partial<
  Pick<
    AuthStrategy<TestSession>,
    'account' | 'throttleKey' | 'minLoginIntervalMs' | 'renewAt' | 'refreshMarginMs' | 'verify'
  >
> & { withoutVerify?: boolean };

/**
 * A small in-memory vendor: logins mint sessions, refresh tokens are spent
 * once (a second use is refused with `TokenRefreshError`), `verify` accepts
 * only access tokens it issued and that were not revoked. `failNext` makes the
 * next login/refresh/verify fail with a 503.
 */
export function testVendor(clock: Clock, options: TestVendorOptions = {}) {
  let lifetimeMs = options.lifetimeMs ?? 60 * 60_000;
  const calls: TestVendorCalls = { login: 0, refresh: 0, verify: 0 };
  const liveRefresh = new Set<string>();
  const accepted = new Set<string>();
  let counter = 0;
  let failures = 0;
  const fail = () => {
    if (failures === 0) return;
    failures--;
    throw new ApiError('vendor unavailable', { status: 503 });
  };
  const mint = (account: string): TestSession => {
    counter++;
    const now = clock.now();
    const session = {
      vendor: 'test',
      account,
      issuedAt: now,
      expiresAt: now + lifetimeMs,
      token: `tok-${counter}`,
      refreshToken: `rt-${counter}`,
    };
    liveRefresh.add(session.refreshToken);
    accepted.add(session.token);
    return session;
  };
  const strategy = (overrides: StrategyOverrides = {}): AuthStrategy<TestSession> => {
    const { withoutVerify, ...rest } = overrides;
    const account = rest.account ?? 'a';
    const base: AuthStrategy<TestSession> = {
      vendor: 'test',
      account,
      schema: testSessionSchema,
      async login() {
        calls.login++;
        fail();
        return mint(account);
      },
      async refresh(session) {
        calls.refresh++;
        // Yield so concurrent callers really overlap.
        await new Promise((resolve) => setTimeout(resolve, 5));
        fail();
        const refreshToken = session.refreshToken;
        if (refreshToken === undefined || !liveRefresh.delete(refreshToken)) {
          throw new TokenRefreshError('refresh token refused', { vendor: 'test' });
        }
        return mint(account);
      },
      async verify(session) {
        calls.verify++;
        fail();
        return accepted.has(session.token) ? session : undefined;
      },
      authorize: () => undefined,
      isAuthFailure: (response) => response.status === 401,
      token: (s) => s.token,
      ...rest,
    };
    if (withoutVerify) delete (base as { verify?: unknown }).verify;
    return base;
  };
  return {
    calls,
    strategy,
    mint,
    /** Sessions minted from now on live this long. */
    setLifetime(ms: number) {
      lifetimeMs = ms;
    },
    /** The next `count` vendor calls (login, refresh or verify) fail with a 503. */
    failNext(count = 1) {
      failures += count;
    },
    /** A session the vendor never issued (so it refuses to verify or refresh it). */
    foreign(overrides: Partial<TestSession> = {}): TestSession {
      const now = clock.now();
      return {
        vendor: 'test',
        account: 'a',
        issuedAt: now,
        expiresAt: now + lifetimeMs,
        token: 'foreign-token',
        refreshToken: 'foreign-refresh',
        ...overrides,
      };
    },
  };
}
