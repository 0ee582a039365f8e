import { type AuthStrategy, requestJson } from '@tokenwise/auth-core/vendor';
import { accountName, loginThrottleKey } from './account.js';
import { isSessionRejected } from './auth-failure.js';
import {
  NO_CACHE_HEADERS,
  V1_APPLICATION_ID,
  V1_BASE_PATH,
  V1_REFRESH_MARGIN_MS,
  V1_SESSION_HEADER,
  V1_SESSION_PATH,
  V1_SESSION_TTL_MS,
  VENDOR,
} from './constants.js';
import { mapV1LoginError } from './errors.js';
import { FreshLogins } from './fresh-logins.js';
import { type EvohomeV1Session, evohomeV1SessionSchema } from './schemas/session.js';
import { v1SessionResponseSchema } from './schemas/v1.js';
import { checkStrategyOptions, type EvohomeStrategyOptions } from './strategy-options.js';

/** Options of {@link createEvohomeV1Strategy}. */
export type EvohomeV1StrategyOptions = EvohomeStrategyOptions;

/**
 * The V1 sessionId flow: a form login returns `sessionId` + `userInfo`; the
 * id goes in a `sessionId` header. There is no refresh: renewal is a login.
 * Expiry slides with use (`touch`), but the vendor's 401 decides, because
 * some servers end sessions 15 min after login whatever the use.
 */
export function createEvohomeV1Strategy(input: EvohomeV1StrategyOptions): AuthStrategy<EvohomeV1Session> {
  const options = checkStrategyOptions(input, 'createEvohomeV1Strategy');
  const account = accountName(options.username);
  const loginUrl = `${options.baseUrl}${V1_BASE_PATH}${V1_SESSION_PATH}`;
  const fresh = new FreshLogins(options.minLoginIntervalMs);
  return {
    vendor: VENDOR,
    account: `v1:${account}`,
    schema: evohomeV1SessionSchema,
    // One key for V1 and V2: the vendor counts their logins against one limit, so the manager keeps
    // one back-off record for both and spaces every login of the account across all instances.
    throttleKey: loginThrottleKey(options.username),
    minLoginIntervalMs: options.minLoginIntervalMs,
    defaultRateLimitMs: options.loginLockoutMs,
    refreshMarginMs: V1_REFRESH_MARGIN_MS,
    async login(context) {
      const body = await requestJson({
        fetch: options.fetch,
        url: loginUrl,
        headers: { ...NO_CACHE_HEADERS },
        form: {
          applicationId: V1_APPLICATION_ID,
          username: options.username,
          password: options.password.reveal(),
        },
        schema: v1SessionResponseSchema,
        vendor: VENDOR,
        what: 'V1 login response',
        signal: context.signal,
        now: () => context.clock.now(),
        mapError: mapV1LoginError(options.loginLockoutMs),
      });
      const now = context.clock.now();
      fresh.record(body.sessionId, context.clock);
      return {
        vendor: VENDOR,
        account: `v1:${account}`,
        api: 'v1',
        issuedAt: now,
        expiresAt: now + V1_SESSION_TTL_MS,
        sessionId: body.sessionId,
        userInfo: body.userInfo,
      };
    },
    authorize(parts, session) {
      // The locations call is scoped by user id; it must be the id of the session that authorizes it,
      // also when a retry carries a session from a fresh login.
      if (parts.url.searchParams.has('userId')) {
        parts.url.searchParams.set('userId', String(session.userInfo.userID));
      }
      parts.headers.set(V1_SESSION_HEADER, session.sessionId);
    },
    // Evohome says "expired" only with a 401, never inside a 200: skip the check on success.
    authFailureOnlyOnErrorStatus: true,
    // A session logged in seconds ago is not expired: renewing it would trip the login limit.
    isAuthFailure: async (response, parts) =>
      !fresh.isFresh(parts.headers.get(V1_SESSION_HEADER)) && (await isSessionRejected(response)),
    token: (session) => session.sessionId,
    touch: (session, now) => ({ ...session, expiresAt: now + V1_SESSION_TTL_MS }),
  };
}
