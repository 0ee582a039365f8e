import {
  type AuthContext,
  type AuthStrategy,
  ConfigurationError,
  checkBaseUrl,
  checkEmailOption,
  checkFetchOption,
  checkFunctionOption,
  checkOptionsObject,
  ErrorCodes,
  InvalidCredentialsError,
  isTokenwiseError,
  type OptionKeys,
  requestJson,
  TokenExpiredError,
  TokenRefreshError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { CLOUD_REFRESH_MARGIN_MS, CLOUD_TOKEN_LIFETIME_MS, CloudPaths, VENDOR } from './constants.js';
import { cozifyErrorMapper } from './errors.js';
import { type OtpProvider, resolveOtpProvider } from './otp.js';
import { type CozifyCloudSession, cloudSessionSchema } from './schemas.js';
import { tokenTimes } from './token-lifetime.js';
import { requestTokenText } from './token-request.js';

/** Options of {@link createCloudStrategy}. */
export interface CloudStrategyOptions {
  /** The Cozify account. */
  email: string;
  /** Cloud base, e.g. `https://cloud2.cozify.fi/ui/0.2` (a trailing slash is trimmed). */
  baseUrl: string;
  /** The fetch for cloud calls. */
  fetch: typeof globalThis.fetch;
  /** Where the e-mailed one-time code comes from; `undefined`: the terminal prompt, if any. */
  otp: OtpProvider | undefined;
  /**
   * python-cozify's refresh window, read at every freshness check (so a
   * client's changed `tokenExpiryMs` applies at once): renew when the last
   * renewal (`issuedAt`) is older than this. `undefined`: no window, only the
   * 5-day margin before expiry.
   */
  refreshWindowMs?: (() => number | undefined) | undefined;
}

// Kept in step with CloudStrategyOptions by the compiler: JavaScript callers get unknown keys refused.
const CLOUD_STRATEGY_OPTION_KEYS = {
  email: true,
  baseUrl: true,
  fetch: true,
  otp: true,
  refreshWindowMs: true,
} as const satisfies OptionKeys<CloudStrategyOptions>;

/** The cloud-token flow; `refresh` is always present (Cozify renews a still-valid token). */
export type CloudStrategy = AuthStrategy<CozifyCloudSession> &
  Required<Pick<AuthStrategy<CozifyCloudSession>, 'refresh'>>;

const cloudMapper = cozifyErrorMapper('cloud');

/**
 * Passwordless login (`requestlogin` e-mails a code, `emaillogin` trades it
 * for a cloud token) and `refreshsession`, which only works while the token is
 * still valid: an expired or rejected token means a new OTP login.
 */
export function createCloudStrategy(options: CloudStrategyOptions): CloudStrategy {
  const owner = 'createCloudStrategy';
  const name = (option: string) => `${owner} option \`${option}\``;
  // Resolved values only (no defaults): a missing one would surface as a request to `undefined/...`.
  const given = checkOptionsObject(options, owner, CLOUD_STRATEGY_OPTION_KEYS, VENDOR);
  const email = checkEmailOption(given.email, name('email'), VENDOR);
  if (email === undefined) throw new ConfigurationError(`${name('email')} is required`, { vendor: VENDOR });
  const baseUrl = checkBaseUrl(given.baseUrl, name('baseUrl'), VENDOR);
  const fetch = checkFetchOption(given.fetch, name('fetch'), VENDOR) ?? globalThis.fetch;
  checkFunctionOption(given.otp, name('otp'), VENDOR);
  checkFunctionOption(given.refreshWindowMs, name('refreshWindowMs'), VENDOR);
  // Tokens refreshsession refused: asking again with them is a wasted round trip.
  const deadTokens = new Set<string>();

  const toSession = (token: string, context: AuthContext): CozifyCloudSession => {
    const now = context.clock.now();
    return {
      vendor: VENDOR,
      kind: 'cloud',
      account: email,
      ...tokenTimesOrDefault(token, now),
      cloudToken: token,
    };
  };

  const otpMapper: VendorErrorMapper = (response, body) =>
    response.status === 401 || response.status === 403
      ? new InvalidCredentialsError('The Cozify cloud rejected the one-time code (wrong, used or expired)', {
          vendor: VENDOR,
        })
      : cloudMapper(response, body);

  const refreshMapper: VendorErrorMapper = (response, body) =>
    response.status === 401
      ? new TokenRefreshError('The Cozify cloud refused to renew the cloud token: it is no longer valid', {
          vendor: VENDOR,
        })
      : cloudMapper(response, body);

  return {
    vendor: VENDOR,
    account: email,
    schema: cloudSessionSchema,
    refreshMarginMs: CLOUD_REFRESH_MARGIN_MS,
    renewAt(session) {
      const windowMs = options.refreshWindowMs?.();
      return windowMs === undefined ? undefined : session.issuedAt + windowMs;
    },
    async login(context) {
      // Resolved before requestlogin: no e-mail is sent when nobody can read it.
      const provider = resolveOtpProvider(options.otp);
      await requestJson({
        fetch,
        url: `${baseUrl}/${CloudPaths.requestLogin}?${new URLSearchParams({ email })}`,
        method: 'POST',
        schema: z.unknown(),
        vendor: VENDOR,
        what: 'OTP request (requestlogin)',
        signal: context.signal,
        mapError: cloudMapper,
        now: () => context.clock.now(),
      }).catch((error: unknown) => {
        // Only a 2xx gets this far: the code is on its way, whatever the body says (the doc shows `null`).
        if (!isTokenwiseError(error, ErrorCodes.ResponseShapeError)) throw error;
      });
      const code = (await provider({ email, signal: context.signal })).trim();
      if (code === '') {
        throw new InvalidCredentialsError('The OTP provider returned an empty code', { vendor: VENDOR });
      }
      const token = await requestTokenText({
        fetch,
        url: `${baseUrl}/${CloudPaths.emailLogin}`,
        method: 'POST',
        form: { email, password: code },
        signal: context.signal,
        what: 'e-mail login (emaillogin)',
        mapError: otpMapper,
        now: () => context.clock.now(),
      });
      return toSession(token, context);
    },
    async refresh(session, context) {
      if (deadTokens.has(session.cloudToken)) {
        throw new TokenRefreshError('The Cozify cloud token was already refused for renewal', {
          vendor: VENDOR,
        });
      }
      if (session.expiresAt !== undefined && context.clock.now() >= session.expiresAt) {
        throw new TokenExpiredError('The Cozify cloud token has expired; a new OTP login is needed', {
          vendor: VENDOR,
        });
      }
      try {
        const token = await requestTokenText({
          fetch,
          url: `${baseUrl}/${CloudPaths.refreshSession}`,
          method: 'GET',
          headers: { authorization: session.cloudToken },
          signal: context.signal,
          what: 'token renewal (refreshsession)',
          mapError: refreshMapper,
          now: () => context.clock.now(),
        });
        return toSession(token, context);
      } catch (error) {
        if (error instanceof TokenRefreshError) deadTokens.add(session.cloudToken);
        throw error;
      }
    },
    authorize(parts, session) {
      // Cozify takes the raw JWT, no "Bearer".
      parts.headers.set('authorization', session.cloudToken);
    },
    authFailureOnlyOnErrorStatus: true,
    isAuthFailure(response) {
      return response.status === 401;
    },
    token(session) {
      return session.cloudToken;
    },
  };
}

function tokenTimesOrDefault(token: string, now: number): { issuedAt: number; expiresAt: number } {
  const times = tokenTimes(token, now, 'minted', CLOUD_TOKEN_LIFETIME_MS);
  return { issuedAt: times.issuedAt, expiresAt: times.expiresAt ?? now + CLOUD_TOKEN_LIFETIME_MS };
}
