import {
  type AuthContext,
  type AuthStrategy,
  type RequestParts,
  requestJson,
} from '@tokenwise/auth-core/vendor';
import { accountName, loginThrottleKey } from './account.js';
import { isSessionRejected } from './auth-failure.js';
import { NO_CACHE_HEADERS, V2_CLIENT_BASIC, V2_SCOPE, V2_TOKEN_PATH, VENDOR } from './constants.js';
import { mapV2TokenError, type V2Grant } from './errors.js';
import { FreshLogins } from './fresh-logins.js';
import { type EvohomeV2Session, evohomeV2SessionSchema } from './schemas/session.js';
import { v2TokenResponseSchema } from './schemas/v2.js';
import { checkStrategyOptions, type EvohomeStrategyOptions } from './strategy-options.js';

/** Options of {@link createEvohomeV2Strategy}. */
export type EvohomeV2StrategyOptions = EvohomeStrategyOptions;

/**
 * The V2 OAuth flow: password grant to log in, refresh grant to renew
 * (refresh first; the manager falls back to the password only when the
 * refresh is rejected, never on 429 or 5xx).
 */
export function createEvohomeV2Strategy(input: EvohomeV2StrategyOptions): AuthStrategy<EvohomeV2Session> {
  const options = checkStrategyOptions(input, 'createEvohomeV2Strategy');
  const account = `v2:${accountName(options.username)}`;
  const tokenUrl = `${options.baseUrl}${V2_TOKEN_PATH}`;
  const fresh = new FreshLogins(options.minLoginIntervalMs);

  const grant = async (
    kind: V2Grant,
    fields: Record<string, string>,
    context: AuthContext,
    what: string,
  ): Promise<EvohomeV2Session> => {
    const body = await requestJson({
      fetch: options.fetch,
      url: tokenUrl,
      headers: {
        ...NO_CACHE_HEADERS,
        authorization: `Basic ${V2_CLIENT_BASIC}`,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      form: { grant_type: kind, scope: V2_SCOPE, ...fields },
      schema: v2TokenResponseSchema,
      vendor: VENDOR,
      what,
      signal: context.signal,
      now: () => context.clock.now(),
      mapError: mapV2TokenError(kind, options.loginLockoutMs),
    });
    const now = context.clock.now();
    fresh.record(body.access_token, context.clock);
    return {
      vendor: VENDOR,
      account,
      api: 'v2',
      issuedAt: now,
      expiresAt: now + body.expires_in * 1000,
      accessToken: body.access_token,
      // Refresh tokens may rotate: always keep the newest one.
      refreshToken: body.refresh_token,
    };
  };

  return {
    vendor: VENDOR,
    account,
    schema: evohomeV2SessionSchema,
    // Shared with V1 (see createEvohomeV1Strategy): one back-off record, one login spacing per account.
    throttleKey: loginThrottleKey(options.username),
    // The manager spaces logins only: the vendor's limit counts password grants, not refresh grants.
    minLoginIntervalMs: options.minLoginIntervalMs,
    defaultRateLimitMs: options.loginLockoutMs,
    // Username and Password are case-sensitive form keys at the vendor.
    login: (context) =>
      grant(
        'password',
        { Username: options.username, Password: options.password.reveal() },
        context,
        'V2 token response (password grant)',
      ),
    refresh: (session, context) =>
      grant(
        'refresh_token',
        { refresh_token: session.refreshToken },
        context,
        'V2 token response (refresh grant)',
      ),
    authorize(parts, session) {
      parts.headers.set('authorization', `bearer ${session.accessToken}`);
    },
    // Evohome says "expired" only with a 401, never inside a 200: skip the check on success.
    authFailureOnlyOnErrorStatus: true,
    // A token obtained seconds ago is not expired: renewing it would trip the login limit.
    isAuthFailure: async (response, parts) =>
      !fresh.isFresh(bearerOf(parts)) && (await isSessionRejected(response)),
    token: (session) => session.accessToken,
  };
}

/** The bearer token a request carried (the scheme is case-insensitive at the vendor). */
function bearerOf(parts: RequestParts): string | undefined {
  const match = /^bearer\s+(.+)$/i.exec(parts.headers.get('authorization') ?? '');
  return match?.[1];
}
