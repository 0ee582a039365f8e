import {
  ApiError,
  AuthenticationError,
  InvalidCredentialsError,
  NotFoundError,
  RateLimitError,
  redactText,
  type Secret,
  TokenRefreshError,
  type TokenwiseError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { SUCCESS_CODE, VENDOR } from './constants.js';

/** The result of a reply: the JSON `code` (the HTTP status when absent) and `msg`. */
export interface ReplyOutcome {
  ok: boolean;
  code: number;
  msg: string;
}

/** A call failed when the HTTP status is not 2xx **or** the JSON `code` is not 200. */
export function replyOutcome(response: Response, body: unknown): ReplyOutcome {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === 'number' ? record.code : response.status;
  const msg = typeof record.msg === 'string' ? record.msg : '';
  return { ok: response.ok && code === SUCCESS_CODE, code, msg };
}

type SecretSource = () => Iterable<string | Secret | undefined>;

/**
 * The vendor's `msg` (its only message field; a raw body never reaches a
 * message), scrubbed of anything we sent and then cut short — in that order,
 * so the cut cannot leave the start of a secret behind.
 */
function describe(outcome: ReplyOutcome, secrets: SecretSource): string {
  const redacted = redactText(outcome.msg, secrets()).replace(/\s+/g, ' ').trim();
  const msg = redacted.length > 120 ? `${redacted.slice(0, 120)}…` : redacted;
  return msg ? `code ${outcome.code}: ${msg}` : `code ${outcome.code}`;
}

/**
 * What sign-in and refresh failures share: success and HTTP 429 (core reads
 * its Retry-After) map to nothing, a 429 in the JSON `code` only to a
 * rate limit with the manager's default back-off, and a 5xx to a retriable
 * `ApiError` that keeps the stored session. `null` means "vendor-specific".
 */
function renewalOutcome(
  response: Response,
  outcome: ReplyOutcome,
  what: string,
  secrets: SecretSource,
): TokenwiseError | undefined | null {
  if (outcome.ok || response.status === 429) return undefined;
  if (outcome.code === 429) {
    return new RateLimitError(`Navien rate-limited the ${what} (code 429)`, {
      retryAfterMs: 0,
      vendor: VENDOR,
    });
  }
  if (response.status >= 500 || outcome.code >= 500) {
    return new ApiError(`Navien ${what} failed on the server (${describe(outcome, secrets)})`, {
      status: response.status,
      vendorCode: outcome.code,
      vendor: VENDOR,
    });
  }
  return null;
}

/**
 * Sign-in: 401 (or a message saying "invalid"/"unauthorized") is a wrong
 * e-mail or password; anything else non-200 that is not a 5xx or 429 is an
 * `AuthenticationError`.
 */
export function signInErrorMapper(secrets: SecretSource): VendorErrorMapper {
  return (response, body) => {
    const outcome = replyOutcome(response, body);
    const common = renewalOutcome(response, outcome, 'sign-in', secrets);
    if (common !== null) return common;
    if (outcome.code === 401 || response.status === 401 || /invalid|unauthorized/i.test(outcome.msg)) {
      return new InvalidCredentialsError('Navien rejected the e-mail or password', { vendor: VENDOR });
    }
    return new AuthenticationError(`Navien sign-in failed (${describe(outcome, secrets)})`, {
      vendor: VENDOR,
    });
  };
}

/**
 * Refresh: any other non-200 (4xx, or a `code` in a 200) rejects the
 * refresh token, so the manager signs in instead.
 */
export function refreshErrorMapper(secrets: SecretSource): VendorErrorMapper {
  return (response, body) => {
    const outcome = replyOutcome(response, body);
    const common = renewalOutcome(response, outcome, 'token refresh', secrets);
    if (common !== null) return common;
    return new TokenRefreshError(`Navien rejected the refresh token (${describe(outcome, secrets)})`, {
      vendor: VENDOR,
    });
  };
}

/** Data calls: a non-200 `code` or status is an `ApiError` carrying both (`NotFoundError` for 404). */
export function apiErrorMapper(secrets: SecretSource): VendorErrorMapper {
  return (response, body): TokenwiseError | undefined => {
    const outcome = replyOutcome(response, body);
    if (outcome.ok || response.status === 429) return undefined;
    const options = { status: response.status, vendorCode: outcome.code, vendor: VENDOR };
    const message = `Navien answered HTTP ${response.status}, ${describe(outcome, secrets)}`;
    if (outcome.code === 404 || response.status === 404) return new NotFoundError(message, options);
    return new ApiError(message, options);
  };
}
