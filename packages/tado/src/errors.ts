import {
  ApiError,
  AuthenticationError,
  InvalidCredentialsError,
  NotFoundError,
  parseRetryAfter,
  RateLimitError,
  TokenExpiredError,
  TokenRefreshError,
  type TokenwiseError,
  type TokenwiseErrorOptions,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { oauthErrorSchema, restErrorSchema } from './schemas.js';

const vendor = VENDOR;
/** Longest piece of tado's error title copied into a message. */
const TITLE_LIMIT = 120;

/**
 * A login is needed and nobody can approve a device code: the client has no
 * `onDeviceCode`. Run `tokenwise login tado` (or share a store with a process
 * that logged in) — a program without a person at hand must never wait for one.
 */
export class TadoLoginRequiredError extends TokenExpiredError {
  constructor(options: TokenwiseErrorOptions = {}) {
    super(
      'tado needs a device login approved by a person: run `tokenwise login tado` (or share a store with a process that did), or pass `onDeviceCode` to the client',
      { vendor, ...options },
    );
  }
}

/** The device code expired (`expired_token`, or `expires_in` passed) before anyone approved it. */
export class DeviceCodeExpiredError extends AuthenticationError {}

/** The person refused the device login (`access_denied`). */
export class DeviceCodeDeniedError extends InvalidCredentialsError {}

/** Internal: the poll must go on (`authorization_pending`, or `slow_down` when `slowDown`). */
export class AuthorizationPendingError extends ApiError {
  /** True for `slow_down`: the interval grows by five seconds. */
  readonly slowDown: boolean;
  constructor(slowDown: boolean) {
    super(`tado has not approved the device code yet${slowDown ? ' (slow_down)' : ''}`, {
      status: 400,
      vendor,
      vendorCode: slowDown ? 'slow_down' : 'authorization_pending',
    });
    this.slowDown = slowDown;
  }
}

/**
 * Milliseconds until tado's daily quota refills: the `t` of
 * `ratelimit: "perday";r=0;t=123` (sent only once it is spent), else `Retry-After`.
 */
export function quotaRetryAfterMs(headers: Headers, now: number): number | undefined {
  const t = /(?:^|;)\s*t=(\d+)/.exec(headers.get('ratelimit') ?? '')?.[1];
  if (t !== undefined) return Number(t) * 1000;
  return parseRetryAfter(headers.get('retry-after'), now);
}

/** A 429 from either host: never an authentication failure. */
function rateLimited(response: Response, what: string): RateLimitError {
  return new RateLimitError(`tado rate-limited the ${what} (HTTP 429: daily request quota spent)`, {
    retryAfterMs: quotaRetryAfterMs(response.headers, Date.now()) ?? 0,
    vendor,
  });
}

/** login.tado.com's flat OAuth errors (§4.2) for `what` ("device authorization", "refresh", "device-code poll"). */
export function oauthErrorMapper(what: string): VendorErrorMapper {
  return (response, body): TokenwiseError | undefined => {
    if (response.status === 429) return rateLimited(response, what);
    if (response.ok) return undefined;
    const parsed = oauthErrorSchema.safeParse(body);
    const error = parsed.success ? parsed.data.error : undefined;
    const reason = parsed.success ? parsed.data.error_reason : undefined;
    const options = { vendor, status: response.status, vendorCode: reason ?? error };
    switch (error) {
      case 'authorization_pending':
        return new AuthorizationPendingError(false);
      case 'slow_down':
        return new AuthorizationPendingError(true);
      case 'expired_token':
        return new DeviceCodeExpiredError('The tado device code expired before it was approved', options);
      case 'access_denied':
        return new DeviceCodeDeniedError('The tado device login was refused', options);
      case 'invalid_grant':
        // Single-use refresh tokens: spent (by another program?) or past its 30 days. Dead session.
        return new TokenRefreshError(
          `tado refused the refresh token (${reason ?? 'invalid_grant'}): the session is dead; log in again with \`tokenwise login tado\``,
          options,
        );
      default:
        return new ApiError(
          `tado answered HTTP ${response.status}${error === undefined ? '' : ` (${error})`} to the ${what}`,
          options,
        );
    }
  };
}

/** my.tado.com's `{"errors":[{code,title}]}` envelope (§4.1) mapped to core errors. */
export const restErrorMapper: VendorErrorMapper = (response, body) => {
  if (response.status === 429) return rateLimited(response, 'request');
  if (response.ok) return undefined;
  const parsed = restErrorSchema.safeParse(body);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  const path = response.url === '' ? '' : ` to ${new URL(response.url).pathname}`;
  const title = first?.title?.replace(/\s+/g, ' ').trim().slice(0, TITLE_LIMIT);
  const detail = first === undefined ? '' : ` (${first.code}${title ? `: ${title}` : ''})`;
  const message = `tado answered HTTP ${response.status}${path}${detail}`;
  const options = { vendor, status: response.status, vendorCode: first?.code };
  if (response.status === 404) return new NotFoundError(message, options);
  if (response.status === 401) return new TokenExpiredError(message, { vendor });
  return new ApiError(message, options);
};
