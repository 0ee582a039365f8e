import { inspect } from 'node:util';

/**
 * Stable machine-readable codes. They are part of the public API: compare
 * `error.code`, not class identity, when two copies of core may be installed.
 */
export const ErrorCodes = {
  TokenwiseError: 'TOKENWISE_ERROR',
  AuthenticationError: 'TOKENWISE_AUTHENTICATION',
  InvalidCredentialsError: 'TOKENWISE_INVALID_CREDENTIALS',
  TokenExpiredError: 'TOKENWISE_TOKEN_EXPIRED',
  TokenRefreshError: 'TOKENWISE_TOKEN_REFRESH',
  OtpRequiredError: 'TOKENWISE_OTP_REQUIRED',
  RateLimitError: 'TOKENWISE_RATE_LIMITED',
  ApiError: 'TOKENWISE_API',
  NotFoundError: 'TOKENWISE_NOT_FOUND',
  ResponseShapeError: 'TOKENWISE_RESPONSE_SHAPE',
  StoreError: 'TOKENWISE_STORE',
  ConfigurationError: 'TOKENWISE_CONFIGURATION',
  NetworkError: 'TOKENWISE_NETWORK',
  TimeoutError: 'TOKENWISE_TIMEOUT',
  ResponseTooLargeError: 'TOKENWISE_RESPONSE_TOO_LARGE',
  AbortError: 'TOKENWISE_ABORTED',
} as const;

/** One of the stable codes in {@link ErrorCodes}. */
export type TokenwiseErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

const BRAND = Symbol.for('tokenwise.error');

/** Options every tokenwise error accepts. */
export interface TokenwiseErrorOptions {
  /** The underlying error. Only pass causes that carry no secrets (never a raw HTTP error with headers). */
  cause?: unknown;
  /** The vendor the error relates to (`evohome`, `vesync`, ...). */
  vendor?: string;
}

/**
 * Root of every error tokenwise throws. Messages are written by tokenwise and
 * never contain passwords, tokens, OTPs or keys; `toJSON` and `util.inspect`
 * print only the safe fields.
 */
export class TokenwiseError extends Error {
  /** Stable code, see {@link ErrorCodes}. */
  readonly code: TokenwiseErrorCode = ErrorCodes.TokenwiseError;
  /** The vendor this error relates to, when known. */
  readonly vendor: string | undefined;

  constructor(message: string, options: TokenwiseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.vendor = options.vendor;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Safe, secret-free representation. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key === 'cause' || typeof value === 'function') continue;
      out[key] = value;
    }
    return out;
  }

  /** What `util.inspect` and `console.log` show: name, message, the safe fields of `toJSON`, stack. */
  [inspect.custom](): string {
    const fields = this.toJSON();
    delete fields.name;
    delete fields.message;
    const stack = this.stack?.split('\n').slice(1).join('\n') ?? '';
    return `${this.name}: ${this.message} ${inspect(fields, { breakLength: Number.POSITIVE_INFINITY })}\n${stack}`;
  }
}

/** The vendor refused, or could not complete, authentication. */
export class AuthenticationError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.AuthenticationError;
}

/** The username/password (or equivalent) was rejected. Retrying will not help. */
export class InvalidCredentialsError extends AuthenticationError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.InvalidCredentialsError;
}

/** A token has expired and cannot be renewed with what the client holds. */
export class TokenExpiredError extends AuthenticationError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.TokenExpiredError;
}

/** A refresh was rejected by the vendor (the refresh token is expired or revoked). */
export class TokenRefreshError extends AuthenticationError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.TokenRefreshError;
}

/** A one-time password is needed and no way to obtain one was configured. */
export class OtpRequiredError extends AuthenticationError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.OtpRequiredError;
}

/** Options of {@link RateLimitError}. */
export interface RateLimitErrorOptions extends TokenwiseErrorOptions {
  /** Milliseconds until the vendor will accept the call again. */
  retryAfterMs: number;
  /** True when this instance refused without contacting the vendor (a shared back-off is in force). */
  fromStore?: boolean;
}

/** The vendor is rate limiting; no login is attempted until `retryAfterMs` has passed. */
export class RateLimitError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.RateLimitError;
  /** Milliseconds until a retry may succeed. */
  readonly retryAfterMs: number;
  /** True when the back-off was read from the shared store instead of a fresh 429. */
  readonly fromStore: boolean;

  constructor(message: string, options: RateLimitErrorOptions) {
    super(message, options);
    this.retryAfterMs = Math.max(0, Math.round(options.retryAfterMs));
    this.fromStore = options.fromStore ?? false;
  }
}

/** Options of {@link ApiError}. */
export interface ApiErrorOptions extends TokenwiseErrorOptions {
  /** HTTP status of the response. */
  status: number;
  /** The vendor's own error code or result code, when it sent one. */
  vendorCode?: string | number | undefined;
}

/** The vendor answered with an error that is not about authentication. */
export class ApiError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.ApiError;
  /** HTTP status. */
  readonly status: number;
  /** The vendor's own error or result code, if any. */
  readonly vendorCode: string | number | undefined;

  constructor(message: string, options: ApiErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.vendorCode = options.vendorCode;
  }
}

/** The requested resource does not exist (HTTP 404). */
export class NotFoundError extends ApiError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.NotFoundError;
}

/** One problem found while validating a response. Paths and messages only, never values. */
export interface ShapeIssue {
  path: string;
  message: string;
}

/** A response did not have the shape the SDK expects. Carries the issues, not the payload. */
export class ResponseShapeError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.ResponseShapeError;
  /** Where the payload differed from the schema. */
  readonly issues: readonly ShapeIssue[];

  constructor(message: string, options: TokenwiseErrorOptions & { issues?: readonly ShapeIssue[] } = {}) {
    super(message, options);
    this.issues = options.issues ?? [];
  }
}

/** A token store could not be read, written or locked. */
export class StoreError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.StoreError;
}

/** The client was configured wrongly (missing option, missing environment variable, bad value). */
export class ConfigurationError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.ConfigurationError;
}

/**
 * A call on a client after its `close()` (or the end of its `await using`
 * block). A `ConfigurationError` by code, so handlers of misuse catch it too.
 */
export class ClientClosedError extends ConfigurationError {}

/** The vendor could not be reached (DNS, refused connection, timeout). */
export class NetworkError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.NetworkError;
}

/**
 * A call's deadline (`timeoutMs`) passed before its response was fully read:
 * headers, body and any retry waits count. A {@link NetworkError} with its own code.
 */
export class TimeoutError extends NetworkError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.TimeoutError;
}

/** Options of {@link ResponseTooLargeError}. */
export interface ResponseTooLargeErrorOptions extends TokenwiseErrorOptions {
  /** The limit that was exceeded, in bytes. */
  limitBytes: number;
}

/**
 * A response body was larger than the client's `maxBodyBytes`. Reading stops
 * at the limit (or before reading, when `content-length` already says so).
 */
export class ResponseTooLargeError extends ResponseShapeError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.ResponseTooLargeError;
  /** The limit that was exceeded, in bytes. */
  readonly limitBytes: number;

  constructor(message: string, options: ResponseTooLargeErrorOptions) {
    super(message, options);
    this.limitBytes = options.limitBytes;
  }
}

/** The caller's AbortSignal fired. Shared renewals other callers wait on keep running. */
export class AbortError extends TokenwiseError {
  override readonly code: TokenwiseErrorCode = ErrorCodes.AbortError;
}

/** The error class behind each code, for {@link isTokenwiseError}'s narrowing. */
export interface TokenwiseErrorsByCode {
  TOKENWISE_ERROR: TokenwiseError;
  TOKENWISE_AUTHENTICATION: AuthenticationError;
  TOKENWISE_INVALID_CREDENTIALS: InvalidCredentialsError;
  TOKENWISE_TOKEN_EXPIRED: TokenExpiredError;
  TOKENWISE_TOKEN_REFRESH: TokenRefreshError;
  TOKENWISE_OTP_REQUIRED: OtpRequiredError;
  TOKENWISE_RATE_LIMITED: RateLimitError;
  TOKENWISE_API: ApiError;
  TOKENWISE_NOT_FOUND: NotFoundError;
  TOKENWISE_RESPONSE_SHAPE: ResponseShapeError;
  TOKENWISE_STORE: StoreError;
  TOKENWISE_CONFIGURATION: ConfigurationError;
  TOKENWISE_NETWORK: NetworkError;
  TOKENWISE_TIMEOUT: TimeoutError;
  TOKENWISE_RESPONSE_TOO_LARGE: ResponseTooLargeError;
  TOKENWISE_ABORTED: AbortError;
}

/**
 * True for any tokenwise error, including ones thrown by another installed copy
 * of `@tokenwise/auth-core` (checks a global symbol brand, not `instanceof`).
 * Pass a code to narrow to that kind with its fields, e.g.
 * `if (isTokenwiseError(e, ErrorCodes.RateLimitError)) wait(e.retryAfterMs)`.
 */
export function isTokenwiseError<C extends TokenwiseErrorCode>(
  error: unknown,
  code: C,
): error is TokenwiseErrorsByCode[C];
export function isTokenwiseError(error: unknown, code?: TokenwiseErrorCode): error is TokenwiseError;
export function isTokenwiseError(error: unknown, code?: TokenwiseErrorCode): error is TokenwiseError {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (error as TokenwiseError).code === code;
}

/** True when the error means "the credentials/tokens held are not accepted" (fallback to login is sensible). */
export function isAuthenticationFailure(error: unknown): boolean {
  return (
    isTokenwiseError(error) &&
    (error.code === ErrorCodes.AuthenticationError ||
      error.code === ErrorCodes.TokenExpiredError ||
      error.code === ErrorCodes.TokenRefreshError ||
      error.code === ErrorCodes.InvalidCredentialsError)
  );
}
