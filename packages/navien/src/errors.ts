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
} from '@tokenwise/auth-core';
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

/** The vendor's `msg`, cut short and with anything we sent scrubbed out. */
function describe(outcome: ReplyOutcome, secrets: SecretSource): string {
  const msg = redactText(outcome.msg.slice(0, 120), secrets());
  return msg ? `code ${outcome.code}: ${msg}` : `code ${outcome.code}`;
}

function isServerSide(response: Response, outcome: ReplyOutcome): boolean {
  return response.status >= 500 || outcome.code >= 500;
}

/** A 429 in the JSON `code` only: no Retry-After to honour, so the manager's default back-off applies. */
function codeRateLimit(what: string): RateLimitError {
  return new RateLimitError(`Navien rate-limited the ${what} (code 429)`, {
    retryAfterMs: 0,
    vendor: VENDOR,
  });
}

/**
 * Sign-in: 401 (or a message saying "invalid"/"unauthorized") is a wrong
 * e-mail or password; 5xx is the cloud's problem (retriable, `ApiError`);
 * anything else non-200 is an `AuthenticationError`. HTTP 429 is left to core.
 */
export function signInErrorMapper(secrets: SecretSource): VendorErrorMapper {
  return (response, body) => {
    const outcome = replyOutcome(response, body);
    if (outcome.ok || response.status === 429) return undefined;
    if (outcome.code === 429) return codeRateLimit('sign-in');
    if (outcome.code === 401 || response.status === 401 || /invalid|unauthorized/i.test(outcome.msg)) {
      return new InvalidCredentialsError('Navien rejected the e-mail or password', { vendor: VENDOR });
    }
    if (isServerSide(response, outcome)) {
      return new ApiError(`Navien sign-in failed on the server (${describe(outcome, secrets)})`, {
        status: response.status,
        vendorCode: outcome.code,
        vendor: VENDOR,
      });
    }
    return new AuthenticationError(`Navien sign-in failed (${describe(outcome, secrets)})`, {
      vendor: VENDOR,
    });
  };
}

/**
 * Refresh: any non-200 the cloud means (4xx, or a `code` in a 200) rejects
 * the refresh token, so the manager signs in; a 5xx keeps the session.
 */
export function refreshErrorMapper(secrets: SecretSource): VendorErrorMapper {
  return (response, body) => {
    const outcome = replyOutcome(response, body);
    if (outcome.ok || response.status === 429) return undefined;
    if (outcome.code === 429) return codeRateLimit('token refresh');
    if (isServerSide(response, outcome)) {
      return new ApiError(`Navien token refresh failed on the server (${describe(outcome, secrets)})`, {
        status: response.status,
        vendorCode: outcome.code,
        vendor: VENDOR,
      });
    }
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
