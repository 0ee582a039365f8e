import {
  ApiError,
  AuthenticationError,
  InvalidCredentialsError,
  NotFoundError,
  parseRetryAfter,
  RateLimitError,
  TokenRefreshError,
  type TokenwiseError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { v1FailureSchema } from './schemas/v1.js';

/**
 * The account has not accepted the vendor's latest end-user licence
 * agreement, so the V1 API refuses data calls (HTTP 403
 * `LatestEulaNotAccepted`). Retrying cannot help: open the Total Connect
 * Comfort app or website, accept the EULA, then try again.
 */
export class EulaNotAcceptedError extends AuthenticationError {
  /** The vendor's code, always `LatestEulaNotAccepted`. */
  readonly vendorCode = 'LatestEulaNotAccepted';

  constructor() {
    super(
      'evohome refused the call because the latest EULA is not accepted: accept it in the Total Connect Comfort app or website, then retry',
      { vendor: VENDOR },
    );
  }
}

const SAFE_CODE = /^[A-Za-z_]{1,64}$/;

/** The vendor's code from any evohome failure body (V1/V2 list, V2 `{message, code}`, token `{error}`). */
export function failureCode(body: unknown): string | undefined {
  const list = v1FailureSchema.safeParse(body);
  let code: string | undefined;
  if (list.success) code = list.data[0]?.code;
  else if (typeof body === 'object' && body !== null) {
    const record = body as { code?: unknown; error?: unknown };
    code =
      typeof record.error === 'string'
        ? record.error
        : typeof record.code === 'string'
          ? record.code
          : undefined;
  }
  // Codes end up in messages: anything that is not a plain identifier could be echoed input.
  return code !== undefined && SAFE_CODE.test(code) ? code : undefined;
}

function retryAfterFrom(response: Response, fallbackMs: number): number {
  return parseRetryAfter(response.headers.get('retry-after'), Date.now()) ?? fallbackMs;
}

/** 429 on a login (either API): the account-wide lock-out, shared by V1 and V2. */
function loginLockout(response: Response, lockoutMs: number): RateLimitError {
  return new RateLimitError(
    'evohome locked out logins for this account after too many attempts (HTTP 429); V1 and V2 share this limit',
    { retryAfterMs: retryAfterFrom(response, lockoutMs), vendor: VENDOR },
  );
}

/** Maps answers of `POST /WebAPI/api/session` (V1 login). */
export function mapV1LoginError(lockoutMs: number): VendorErrorMapper {
  return (response, body) => {
    if (response.ok) return undefined;
    const code = failureCode(body);
    if (response.status === 429 || code === 'TooManyRequests') return loginLockout(response, lockoutMs);
    if (code === 'EmailOrPasswordIncorrect') {
      return new InvalidCredentialsError(
        'evohome rejected the username or password (EmailOrPasswordIncorrect)',
        {
          vendor: VENDOR,
        },
      );
    }
    if (code === 'LatestEulaNotAccepted') return new EulaNotAcceptedError();
    if (response.status === 401) {
      return new AuthenticationError(`evohome refused the V1 login (HTTP 401${code ? ` ${code}` : ''})`, {
        vendor: VENDOR,
      });
    }
    return undefined;
  };
}

/** Maps failures of V1 and V2 data calls (after the one auth retry already happened). */
export const mapDataError: VendorErrorMapper = (response, body) => {
  if (response.ok) return undefined;
  const code = failureCode(body);
  if (code === 'LatestEulaNotAccepted') return new EulaNotAcceptedError();
  if (response.status === 429) {
    return new RateLimitError(`evohome rate-limited a data call (HTTP 429${code ? ` ${code}` : ''})`, {
      retryAfterMs: retryAfterFrom(response, 0),
      vendor: VENDOR,
    });
  }
  if (response.status === 401) {
    // A fresh session was already tried: the ids in the URL are not this account's.
    return new ApiError(
      'evohome answered HTTP 401 even with a fresh session: the user, location or system id is not accessible to this account',
      { status: 401, vendorCode: code, vendor: VENDOR },
    );
  }
  if (code === undefined) return undefined;
  const message = `evohome answered HTTP ${response.status} (${code})`;
  if (response.status === 404)
    return new NotFoundError(message, { status: 404, vendorCode: code, vendor: VENDOR });
  return new ApiError(message, { status: response.status, vendorCode: code, vendor: VENDOR });
};

/** Which grant a token call made; decides what `invalid_grant` means. */
export type V2Grant = 'password' | 'refresh_token';

/**
 * Maps answers of `POST /Auth/OAuth/Token`. A rejected refresh becomes
 * {@link TokenRefreshError} whatever its 4xx code (the manager then logs in);
 * 429 and 5xx never do, so they never cost a password login.
 */
export function mapV2TokenError(grant: V2Grant, lockoutMs: number): VendorErrorMapper {
  return (response, body): TokenwiseError | undefined => {
    const code = failureCode(body);
    // Some servers answer 200 with an `error` field; treat it like the 400 it means.
    const failed = !response.ok || (typeof body === 'object' && body !== null && 'error' in body);
    if (!failed) return undefined;
    if (response.status === 429 || code === 'attempt_limit_exceeded')
      return loginLockout(response, lockoutMs);
    if (response.status >= 500) return undefined;
    if (grant === 'refresh_token') {
      return new TokenRefreshError(
        `evohome rejected the refresh token (${code ?? `HTTP ${response.status}`})`,
        {
          vendor: VENDOR,
        },
      );
    }
    if (code === 'invalid_grant') {
      return new InvalidCredentialsError('evohome rejected the username or password (invalid_grant)', {
        vendor: VENDOR,
      });
    }
    return new AuthenticationError(`evohome refused the OAuth login (${code ?? `HTTP ${response.status}`})`, {
      vendor: VENDOR,
    });
  };
}
