import { z } from 'zod';
import { AuthorizedHttp } from '../../src/http/authorized-http.js';
import { sessionBaseSchema } from '../../src/session.js';
import { SessionManager } from '../../src/session-manager.js';
import type { TokenStore } from '../../src/store/token-store.js';
import type { AuthStrategy } from '../../src/strategy.js';
import { type FakeClock, handlerFetch, jsonResponse } from '../../src/testing/index.js';

export const HOUR = 3_600_000;
const schema = sessionBaseSchema.extend({ token: z.string() });
export type QuotaSession = z.infer<typeof schema>;

export interface CloudOptions {
  /** Milliseconds each answer takes (real time), so calls overlap. */
  latencyMs?: () => number;
  limit: number;
  /** Send the quota headers (off: a vendor that reports no quota). */
  headers?: boolean;
  /** Reset of the first window, ms from the clock's start. */
  resetInMs?: number;
}

/**
 * A cloud with tado's daily quota (vendor notes §4.3): every answer carries
 * `RateLimit-Policy: "perday";q=<limit>;w=86400` and `RateLimit: "perday";r=<left>`,
 * `t` only once it is spent; a call past the quota gets a 429 with an empty body.
 */
export function quotaCloud(clock: FakeClock, options: CloudOptions) {
  const withHeaders = options.headers ?? true;
  let resetAt = clock.now() + (options.resetInMs ?? 2 * HOUR);
  let left = options.limit;
  const counts = { requests: 0, rateLimited: 0, logins: 0, isAuthFailure: 0 };
  // `t` only on the 429 ("the 't' parameter is only returned after you actually hit the limit").
  const quotaHeaders = (limited: boolean): Record<string, string> => {
    if (!withHeaders) return {};
    const t = limited ? `;t=${Math.ceil((resetAt - clock.now()) / 1000)}` : '';
    return {
      'RateLimit-Policy': `"perday";q=${options.limit};w=86400`,
      RateLimit: `"perday";r=${left}${t}`,
    };
  };
  const answer = (request: Request): Response => {
    counts.requests++;
    if (clock.now() >= resetAt) {
      left = options.limit;
      resetAt += 24 * HOUR;
    }
    if (request.headers.get('authorization') === null) return jsonResponse({ error: 'no token' }, 401);
    if (left === 0) {
      counts.rateLimited++;
      return new Response(null, { status: 429, headers: quotaHeaders(true) });
    }
    left--;
    return jsonResponse({ ok: true }, 200, quotaHeaders(false));
  };
  // With latency, a request waits before it is counted and its answer waits again: calls overlap
  // the way they do on a network, and answers can arrive out of order.
  const latency = options.latencyMs;
  const pause = () => new Promise((resolve) => setTimeout(resolve, latency?.() ?? 0));
  const handler = latency
    ? async (request: Request): Promise<Response> => {
        await pause();
        const response = answer(request);
        await pause();
        return response;
      }
    : answer;
  const strategy = (account = 'a'): AuthStrategy<QuotaSession> => ({
    vendor: 'metered',
    account,
    schema,
    async login(ctx) {
      counts.logins++;
      const now = ctx.clock.now();
      return {
        vendor: 'metered',
        account,
        issuedAt: now,
        expiresAt: now + 24 * HOUR,
        token: `tok-${counts.logins}`,
      };
    },
    authorize(parts, session) {
      parts.headers.set('authorization', `Bearer ${session.token}`);
    },
    async isAuthFailure(response) {
      counts.isAuthFailure++;
      // A naive vendor check that would take a 429 for a dead session, were it ever asked.
      return response.status === 401 || response.status === 429;
    },
    token: (session) => session.token,
  });
  return {
    counts,
    fetch: handlerFetch(handler),
    strategy,
    get resetAt() {
      return resetAt;
    },
  };
}

/** A quota cloud as built by {@link quotaCloud}. */
export type Cloud = ReturnType<typeof quotaCloud>;

/**
 * A client whose every answer is a 200 carrying the `RateLimit` header `ratelimit(n)` gives for
 * the n-th request (1-based): a cloud scripted call by call. `sent()` counts the requests.
 */
export function scriptedQuotaClient(
  clock: FakeClock,
  store: TokenStore,
  ratelimit: (n: number) => string,
): { manager: SessionManager<QuotaSession>; http: AuthorizedHttp<QuotaSession>; sent: () => number } {
  const manager = new SessionManager({ strategy: quotaCloud(clock, { limit: 1 }).strategy(), clock, store });
  let sent = 0;
  const http = new AuthorizedHttp({
    manager,
    baseUrl: 'https://quota.test',
    fetch: handlerFetch(() => {
      sent++;
      return jsonResponse({}, 200, { ratelimit: ratelimit(sent) });
    }),
  });
  return { manager, http, sent: () => sent };
}
