import { inspect } from 'node:util';
import { type Clock, ConfigurationError, systemClock } from '@tokenwise/auth-core/vendor';
import { DEFAULT_EXPIRY_MARGIN_MS, DEFAULT_TOKEN_LIFETIME_S, VENDOR } from './constants.js';
import { formatTimestamp, parseTimestamp } from './timestamp.js';

/** The fields of an {@link AuthTokens}. Lifetimes are seconds; times are epoch milliseconds. */
export interface AuthTokensInit {
  idToken?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Lifetime of the JWTs in seconds. Default 3600. */
  authenticationExpiresIn?: number;
  accessKeyId?: string | undefined;
  secretKey?: string | undefined;
  sessionToken?: string | undefined;
  /** Lifetime of the AWS credentials in seconds, counted from `issuedAt` unless `awsExpiresAt` is given. */
  authorizationExpiresIn?: number | undefined;
  /** When the tokens were issued. Default: now. */
  issuedAt?: number | Date;
  /** Absolute deadline of the AWS credentials (kept across refreshes, unlike in the Python library). */
  awsExpiresAt?: number | Date | undefined;
}

/** Options of {@link AuthTokens}. */
export interface AuthTokensOptions {
  /** Time source for `isExpired` and friends. Default: the system clock. */
  clock?: Clock;
  /** Count a credential as expired this long before its deadline. Default 300 000 ms (5 min). */
  expiryMarginMs?: number;
}

/**
 * The snake_case form written by {@link AuthTokens.toDict} and read back by
 * {@link AuthTokens.modelValidate}; the same keys as the vendor's Python
 * token files, plus `aws_expires_at`.
 */
export interface AuthTokensDict {
  id_token: string;
  access_token: string;
  refresh_token: string;
  authentication_expires_in: number;
  access_key_id: string | null;
  secret_key: string | null;
  session_token: string | null;
  authorization_expires_in: number | null;
  issued_at: string;
  aws_expires_at: string | null;
}

const STRING_FIELDS = [
  ['idToken', 'id_token'],
  ['accessToken', 'access_token'],
  ['refreshToken', 'refresh_token'],
  ['accessKeyId', 'access_key_id'],
  ['secretKey', 'secret_key'],
  ['sessionToken', 'session_token'],
] as const;

const NUMBER_FIELDS = [
  ['authenticationExpiresIn', 'authentication_expires_in'],
  ['authorizationExpiresIn', 'authorization_expires_in'],
] as const;

const TIME_FIELDS = [
  ['issuedAt', 'issued_at'],
  ['awsExpiresAt', 'aws_expires_at'],
] as const;

/**
 * The Cognito JWTs and the temporary AWS credentials of a Navien account.
 * Token values are private fields: `util.inspect` and `JSON.stringify` show
 * only deadlines. Use {@link AuthTokens.toDict} to save them.
 */
export class AuthTokens {
  readonly #idToken: string;
  readonly #accessToken: string;
  readonly #refreshToken: string;
  readonly #accessKeyId: string | undefined;
  readonly #secretKey: string | undefined;
  readonly #sessionToken: string | undefined;
  /** Lifetime of the JWTs in seconds. */
  readonly authenticationExpiresIn: number;
  /** Lifetime of the AWS credentials in seconds, when known. */
  readonly authorizationExpiresIn: number | undefined;
  /** When these tokens were issued. */
  readonly issuedAt: Date;
  /** When the AWS credentials stop working, when known. */
  readonly awsExpiresAt: Date | undefined;
  readonly #clock: Clock;
  readonly #marginMs: number;

  /** Builds tokens from known fields; use {@link AuthTokens.modelValidate} for untrusted data. */
  constructor(init: AuthTokensInit = {}, options: AuthTokensOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#marginMs = options.expiryMarginMs ?? DEFAULT_EXPIRY_MARGIN_MS;
    this.#idToken = init.idToken ?? '';
    this.#accessToken = init.accessToken ?? '';
    this.#refreshToken = init.refreshToken ?? '';
    this.#accessKeyId = init.accessKeyId || undefined;
    this.#secretKey = init.secretKey || undefined;
    this.#sessionToken = init.sessionToken || undefined;
    this.authenticationExpiresIn = init.authenticationExpiresIn ?? DEFAULT_TOKEN_LIFETIME_S;
    this.authorizationExpiresIn = init.authorizationExpiresIn;
    const issuedAt =
      init.issuedAt === undefined ? this.#clock.now() : parseTimestamp(init.issuedAt, 'issuedAt');
    this.issuedAt = new Date(issuedAt);
    const awsExpiresAt =
      init.awsExpiresAt !== undefined
        ? parseTimestamp(init.awsExpiresAt, 'awsExpiresAt')
        : init.authorizationExpiresIn !== undefined
          ? issuedAt + init.authorizationExpiresIn * 1000
          : undefined;
    this.awsExpiresAt = awsExpiresAt === undefined ? undefined : new Date(awsExpiresAt);
  }

  /**
   * Builds tokens from an API reply (camelCase) or a saved file (snake_case).
   * An empty camelCase value falls back to the snake_case one, a timestamp
   * without zone is UTC, unknown keys are ignored and `{}` gives defaults.
   * Wrong types throw a `ConfigurationError` naming the field.
   */
  static modelValidate(data: unknown, options: AuthTokensOptions = {}): AuthTokens {
    if (data instanceof AuthTokens) return data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ConfigurationError('AuthTokens.modelValidate expects an object', { vendor: VENDOR });
    }
    const record = data as Record<string, unknown>;
    const init: AuthTokensInit = {};
    for (const [camel, snake] of STRING_FIELDS) {
      const value = pick(record, camel, snake);
      if (value === undefined) continue;
      if (typeof value !== 'string') throw invalidField(camel, 'a string');
      init[camel] = value;
    }
    for (const [camel, snake] of NUMBER_FIELDS) {
      const value = pick(record, camel, snake);
      if (value === undefined || value === '') continue;
      const seconds = typeof value === 'string' ? Number(value) : value;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
        throw invalidField(camel, 'a positive number of seconds');
      }
      init[camel] = seconds;
    }
    for (const [camel, snake] of TIME_FIELDS) {
      const value = pick(record, camel, snake);
      if (value !== undefined && value !== '') init[camel] = parseTimestamp(value, camel);
    }
    return new AuthTokens(init, options);
  }

  /** The Cognito id token (a JWT). */
  get idToken(): string {
    return this.#idToken;
  }

  /** The access token, sent raw in the `authorization` header of REST calls. */
  get accessToken(): string {
    return this.#accessToken;
  }

  /** The Cognito refresh token. */
  get refreshToken(): string {
    return this.#refreshToken;
  }

  /** AWS access key id for AWS IoT, when the tokens came from a sign-in. */
  get accessKeyId(): string | undefined {
    return this.#accessKeyId;
  }

  /** AWS secret key for AWS IoT. */
  get secretKey(): string | undefined {
    return this.#secretKey;
  }

  /** AWS session token for AWS IoT. */
  get sessionToken(): string | undefined {
    return this.#sessionToken;
  }

  /** When the JWTs expire. */
  get expiresAt(): Date {
    return new Date(this.issuedAt.getTime() + this.authenticationExpiresIn * 1000);
  }

  /** True from `expiryMarginMs` (5 min) before {@link expiresAt}. */
  get isExpired(): boolean {
    return this.#clock.now() >= this.expiresAt.getTime() - this.#marginMs;
  }

  /** Milliseconds until {@link expiresAt}; negative once past. */
  get timeUntilExpiry(): number {
    return this.expiresAt.getTime() - this.#clock.now();
  }

  /** `Bearer <access token>`, for tools that want it (the REST API itself takes the raw token). */
  get bearerToken(): string {
    return `Bearer ${this.#accessToken}`;
  }

  /** True from `expiryMarginMs` before the AWS deadline; false when that deadline is unknown. */
  get areAwsCredentialsExpired(): boolean {
    if (this.awsExpiresAt === undefined) return false;
    return this.#clock.now() >= this.awsExpiresAt.getTime() - this.#marginMs;
  }

  /** True when the AWS key id, secret and session token are all present. */
  get hasAwsCredentials(): boolean {
    return (
      this.#accessKeyId !== undefined && this.#secretKey !== undefined && this.#sessionToken !== undefined
    );
  }

  /** The snake_case form for saving (holds secrets: write it 0600). */
  toDict(): AuthTokensDict {
    return {
      id_token: this.#idToken,
      access_token: this.#accessToken,
      refresh_token: this.#refreshToken,
      authentication_expires_in: this.authenticationExpiresIn,
      access_key_id: this.#accessKeyId ?? null,
      secret_key: this.#secretKey ?? null,
      session_token: this.#sessionToken ?? null,
      authorization_expires_in: this.authorizationExpiresIn ?? null,
      issued_at: formatTimestamp(this.issuedAt.getTime()),
      aws_expires_at: this.awsExpiresAt === undefined ? null : formatTimestamp(this.awsExpiresAt.getTime()),
    };
  }

  /** Secret-free summary; `JSON.stringify(tokens)` never writes tokens (use {@link toDict}). */
  toJSON(): Record<string, unknown> {
    return {
      issuedAt: this.issuedAt.toISOString(),
      expiresAt: this.expiresAt.toISOString(),
      awsExpiresAt: this.awsExpiresAt?.toISOString(),
      hasAwsCredentials: this.hasAwsCredentials,
    };
  }

  /** `util.inspect` shows the same secret-free summary as {@link toJSON}. */
  [inspect.custom](): string {
    return `AuthTokens ${inspect(this.toJSON())}`;
  }
}

/** The camelCase value unless it is missing or empty, else the snake_case one. */
function pick(record: Record<string, unknown>, camel: string, snake: string): unknown {
  const camelValue = record[camel];
  if (camelValue !== undefined && camelValue !== null && camelValue !== '') return camelValue;
  const snakeValue = record[snake];
  if (snakeValue !== undefined && snakeValue !== null && snakeValue !== '') return snakeValue;
  // An explicit empty string is a value too (an empty id token); null means "absent".
  if (camelValue === '' || snakeValue === '') return '';
  return undefined;
}

function invalidField(field: string, expected: string): ConfigurationError {
  return new ConfigurationError(`AuthTokens field ${field} must be ${expected}`, { vendor: VENDOR });
}
