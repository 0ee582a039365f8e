import {
  AuthenticationError,
  AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  type Clock,
  ConfigurationError,
  checkEmailOption,
  checkSecretOption,
  ErrorCodes,
  InvalidCredentialsError,
  isTokenwiseError,
  MemoryStore,
  type RenewOptions,
  type Secret,
  SessionManager,
  systemClock,
  TokenRefreshError,
  type TokenStore,
  type TokenwiseError,
} from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import type { AuthTokens, AuthTokensOptions } from './auth-tokens.js';
import { AUTHORIZED_JSON } from './authorized-json.js';
import { resolveConfig } from './client-config.js';
import type {
  AuthenticationResponse,
  NavienAuthClientOptions,
  NavienAwsCredentials,
} from './client-options.js';
import { DEFAULT_EXPIRY_MARGIN_MS, EMAIL_ENV, USER_AGENT, VENDOR } from './constants.js';
import { apiErrorMapper } from './errors.js';
import type { NavienSession } from './schemas.js';
import { sessionFromTokens, tokensFromSession } from './session-tokens.js';
import { createNavienStrategy, type NavienStrategy } from './strategy.js';
import { UserInfo } from './user-info.js';

/** One account binding: the strategy, its manager and the HTTP client on them. */
interface Binding {
  strategy: NavienStrategy;
  manager: SessionManager<NavienSession>;
  http: AuthorizedHttp<NavienSession>;
}

/**
 * Signs in to Navien Smart Control and keeps the session valid: JWTs are
 * refreshed before they expire, the AWS credentials are renewed by a sign-in
 * (the only call that returns them), and sessions are shared through the
 * store so restarts and sibling processes do not sign in again.
 */
export class NavienAuthClient {
  /** REST base URL in use. */
  readonly baseUrl: string;
  readonly #options: NavienAuthClientOptions;
  readonly #clock: Clock;
  readonly #tokenOptions: AuthTokensOptions;
  // One store for every account binding, so switching e-mail keeps the other sessions.
  readonly #store: TokenStore;
  readonly #lifecycle = new ClientLifecycle('NavienAuthClient', VENDOR);
  #email: string | undefined;
  #password: Secret | undefined;
  #storedTokens: AuthTokens | undefined;
  #binding: Binding | undefined;
  #opening: Promise<void> | undefined;

  /**
   * No I/O until a call needs the session. `email` and `password` default to
   * `NAVIEN_EMAIL` and `NAVIEN_PASSWORD` (the e-mail also to the id token of
   * `storedTokens`); both may also be given later to {@link signIn}.
   */
  constructor(email?: string, password?: string | Secret, options: NavienAuthClientOptions = {}) {
    const config = resolveConfig(email, password, options);
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#store = options.store ?? new MemoryStore();
    this.#tokenOptions = {
      clock: this.#clock,
      expiryMarginMs: options.expiryMarginMs ?? DEFAULT_EXPIRY_MARGIN_MS,
    };
    this.#email = config.email;
    this.#password = config.password;
    this.#storedTokens = config.storedTokens;
    this.baseUrl = config.baseUrl;
    // The manager exists from construction whenever the account is known.
    if (this.#email !== undefined) this.#bind();
  }

  /** Creates a client and opens it (restore, refresh or sign in); use with `await using`. */
  static async create(
    email?: string,
    password?: string | Secret,
    options: NavienAuthClientOptions = {},
  ): Promise<NavienAuthClient> {
    const client = new NavienAuthClient(email, password, options);
    try {
      await client.open();
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /**
   * The session manager of the current account (events, stats, `clear()` to
   * log out). Built at construction when the e-mail is known (argument,
   * `NAVIEN_EMAIL` or the stored id token); a client made without one has
   * none until {@link signIn} names the account, and reading it throws a
   * `ConfigurationError` until then. {@link signIn} with another e-mail
   * switches to that account's manager.
   */
  get manager(): SessionManager<NavienSession> {
    return (this.#binding ?? this.#bind()).manager;
  }

  /**
   * Makes the client ready: stored tokens (option or store) are used when
   * valid, refreshed when only the JWT expired, replaced by a sign-in when
   * the AWS credentials expire. Concurrent and repeated calls share one open.
   */
  async open(signal?: AbortSignal): Promise<void> {
    this.#lifecycle.assertOpen();
    this.#opening ??= this.#open(signal).catch((error: unknown) => {
      this.#opening = undefined;
      throw error;
    });
    await this.#opening;
  }

  /**
   * An authorized call to any REST endpoint this SDK does not wrap, relative
   * to {@link baseUrl}: the current access token is added, a rejected one is
   * renewed once and the call replayed, failures are typed errors. The
   * response body is already read and can be read once.
   */
  async request(path: string, init: CallOptions = {}): Promise<Response> {
    await this.open(init.signal);
    return this.#bind().http.request(path, init);
  }

  /** @internal The API client's typed call (keyed by a symbol that is not exported). */
  async [AUTHORIZED_JSON]<T>(path: string, schema: z.ZodType<T>, init: CallOptions = {}): Promise<T> {
    await this.open(init.signal);
    return this.#bind().http.json(path, schema, init);
  }

  /**
   * Signs in now with the given or configured credentials; a different
   * e-mail switches account. It goes through the session manager like every
   * renewal: concurrent calls share one sign-in, a 429 back-off stored by
   * any client of the account is honoured, `stats.logins` counts it, and a
   * fresh session another client of the same store has just obtained is
   * adopted instead of signing in again (`legal` is then empty). A password
   * the cloud rejects is not kept.
   */
  async signIn(email?: string, password?: string | Secret): Promise<AuthenticationResponse> {
    this.#lifecycle.assertOpen();
    const checkedEmail = checkEmailOption(email, 'email', VENDOR);
    const checkedPassword = checkSecretOption(password, 'password', VENDOR);
    if (checkedEmail !== undefined && checkedEmail !== this.#email) {
      this.#unbind();
      this.#email = checkedEmail;
    }
    const previousPassword = this.#password;
    if (checkedPassword !== undefined) this.#password = checkedPassword;
    const { strategy, manager } = this.#bind();
    let session: NavienSession;
    try {
      session = await manager.renew({ login: true });
    } catch (error) {
      if (isTokenwiseError(error, ErrorCodes.InvalidCredentialsError)) this.#password = previousPassword;
      throw error;
    }
    // An explicit sign-in supersedes tokens given to the constructor.
    this.#storedTokens = undefined;
    this.#opening = Promise.resolve();
    const details = strategy.signInDetails(session);
    return {
      userInfo: new UserInfo(session.userInfo),
      tokens: this.#tokens(session),
      legal: details?.legal ?? [],
      message: details?.message ?? 'SUCCESS',
    };
  }

  /**
   * Refreshes the JWTs. Without an argument, or with a refresh token that is
   * no longer current, the current tokens are returned as they are when
   * still valid (another caller already refreshed). Passing the current
   * refresh token forces a refresh. On a client that holds nothing yet, the
   * refresh token is spent once and only the renewed session is kept — unless
   * the store already holds a usable session of the account, which wins.
   * Throws `TokenRefreshError` when the cloud refuses the refresh token
   * ("sign in again"): unlike {@link ensureValidToken}, an explicit refresh
   * never falls back to a sign-in. (Expiring AWS credentials, which only a
   * sign-in renews, still cause one when a password is known.)
   */
  async refreshToken(refreshToken?: string): Promise<AuthTokens> {
    this.#lifecycle.assertOpen();
    if (refreshToken !== undefined && typeof refreshToken !== 'string') {
      throw new ConfigurationError('refreshToken must be a string', { vendor: VENDOR });
    }
    const { manager } = this.#bind();
    if (refreshToken !== undefined && manager.peek() === undefined && this.#storedTokens === undefined) {
      const session = await manager.adopt(this.#refreshSeed(refreshToken), {
        check: 'refresh',
        preferStored: 'always',
      });
      this.#opening = Promise.resolve();
      return this.#tokens(session);
    }
    await this.open();
    if (refreshToken === undefined || refreshToken !== manager.peek()?.refreshToken) {
      return this.#tokens(await manager.get());
    }
    return this.#tokens(
      // The manager's own rule: a refused refresh token is thrown, not answered with a sign-in.
      await this.#forceRenewal(
        (code) =>
          new TokenRefreshError(
            code === ErrorCodes.TokenRefreshError
              ? 'Refresh failed: Navien refused the refresh token; sign in again (the current tokens stay valid until they expire)'
              : `Navien did not renew the tokens (${code}); the current ones stay valid`,
            { vendor: VENDOR },
          ),
        { loginIfRefreshRefused: false },
      ),
    );
  }

  /**
   * Valid tokens, renewed as needed (AWS credentials first, then the JWT);
   * `undefined` when this client has never authenticated.
   */
  async ensureValidToken(signal?: AbortSignal): Promise<AuthTokens | undefined> {
    this.#lifecycle.assertOpen();
    const everAuthenticated =
      this.#opening !== undefined || this.#storedTokens !== undefined || this.#binding?.manager.peek();
    if (!everAuthenticated) return undefined;
    await this.open(signal);
    return this.#tokens(await this.#bind().manager.get(signal));
  }

  /** Headers of an authenticated REST call with the current token (no renewal: call `ensureValidToken` first). */
  getAuthHeaders(): Record<string, string> {
    const session = this.#binding?.manager.peek();
    return {
      'user-agent': this.#options.userAgent ?? USER_AGENT,
      'content-type': 'application/json',
      ...(session ? { authorization: session.accessToken } : {}),
    };
  }

  /** True while the client holds a session. */
  get isAuthenticated(): boolean {
    return this.#binding?.manager.peek() !== undefined;
  }

  /** The signed-in user; empty names when the session came from saved tokens. */
  get currentUser(): UserInfo | undefined {
    const session = this.#binding?.manager.peek();
    return session ? new UserInfo(session.userInfo) : undefined;
  }

  /** The tokens held now, without renewing them. */
  get currentTokens(): AuthTokens | undefined {
    const session = this.#binding?.manager.peek();
    return session ? this.#tokens(session) : undefined;
  }

  /** The account e-mail, when known. */
  get userEmail(): string | undefined {
    return this.#email;
  }

  /** AWS credentials for AWS IoT, valid for at least the expiry margin (signing in when needed). */
  async getAwsCredentials(signal?: AbortSignal): Promise<NavienAwsCredentials> {
    await this.open(signal);
    const session = await this.#bind().manager.get(signal);
    const credentials = awsCredentials(session);
    if (credentials === undefined || this.#tokens(session).areAwsCredentialsExpired) {
      return this.renewAwsCredentials('The session holds no usable AWS credentials', signal);
    }
    return credentials;
  }

  /**
   * Gets new AWS credentials by signing in (a refresh never returns them),
   * unless another process has already stored a newer session. Used when
   * AWS IoT rejects the current ones.
   */
  async renewAwsCredentials(reason: string, signal?: AbortSignal): Promise<NavienAwsCredentials> {
    this.#lifecycle.assertOpen();
    const session = await this.#forceRenewal(
      (code) =>
        new AuthenticationError(`Navien could not sign in for new AWS credentials (${code}): ${reason}`, {
          vendor: VENDOR,
        }),
      { login: true, ...(signal === undefined ? {} : { signal }) },
    );
    const credentials = awsCredentials(session);
    if (credentials === undefined) {
      throw new AuthenticationError('Navien returned no AWS credentials for AWS IoT', { vendor: VENDOR });
    }
    return credentials;
  }

  /** The clock the client measures expiry with. */
  get clock(): Clock {
    return this.#clock;
  }

  /**
   * Stops background work; the stored session stays for the next run.
   * Idempotent; every later call fails with `ClientClosedError`.
   */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.#binding?.manager.close());
  }

  /** Same as {@link close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * A forced renewal that fails throws (the still-valid session stays in use
   * for other callers). Callers that need new credentials get the reason
   * here; a wrong password stays an `InvalidCredentialsError` so reconnect
   * loops stop on it.
   */
  async #forceRenewal(
    failure: (code: string) => TokenwiseError,
    options: RenewOptions = {},
  ): Promise<NavienSession> {
    const { manager } = this.#bind();
    try {
      return await manager.renew(options);
    } catch (error) {
      if (isTokenwiseError(error, ErrorCodes.InvalidCredentialsError)) {
        throw new InvalidCredentialsError('Navien rejected the e-mail or password', { vendor: VENDOR });
      }
      // A back-off keeps its retryAfterMs: callers (the MQTT reconnect loop) wait on it.
      if (isTokenwiseError(error, ErrorCodes.RateLimitError)) throw error;
      // No password to sign in with: retrying cannot help, so this must stay recognisable.
      if (isTokenwiseError(error, ErrorCodes.ConfigurationError)) throw error;
      throw failure(isTokenwiseError(error) ? error.code : 'unexpected error');
    }
  }

  async #open(signal: AbortSignal | undefined): Promise<void> {
    const { manager } = this.#bind();
    const stored = this.#storedTokens;
    if (stored !== undefined) {
      const session = sessionFromTokens(stored, this.#account(), undefined);
      // Under the store lock: a newer session another run stored wins over older saved tokens.
      await manager.adopt(session, { check: 'none', preferStored: 'newer' }).catch(async (error: unknown) => {
        if (!isTokenwiseError(error, ErrorCodes.TokenExpiredError)) throw error;
        // Expired saved tokens still carry a refresh token: hand them over for the renewal below,
        // unless a usable stored session wins.
        await manager.setSession(session, { preferStored: true });
      });
      this.#storedTokens = undefined;
    }
    await manager.get(signal);
  }

  /** A session holding nothing but `refreshToken`, for the manager to spend once. */
  #refreshSeed(refreshToken: string): NavienSession {
    const now = this.#clock.now();
    return {
      vendor: VENDOR,
      account: this.#account(),
      issuedAt: now,
      expiresAt: now,
      idToken: '',
      accessToken: '-',
      refreshToken,
      authenticationExpiresIn: 1,
      jwtExpiresAt: now,
    };
  }

  #bind(): Binding {
    if (this.#binding) return this.#binding;
    this.#lifecycle.assertOpen();
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    const userAgent = this.#options.userAgent ?? USER_AGENT;
    const strategy = createNavienStrategy({
      baseUrl: this.baseUrl,
      email: this.#account(),
      password: () => this.#password,
      fetch: fetchImpl,
      userAgent,
      expiryMarginMs: this.#tokenOptions.expiryMarginMs ?? DEFAULT_EXPIRY_MARGIN_MS,
    });
    const manager = new SessionManager({
      strategy,
      store: this.#store,
      clock: this.#clock,
      maxBackOffMs: this.#options.maxBackOffMs,
    });
    const http = new AuthorizedHttp({
      manager,
      baseUrl: this.baseUrl,
      fetch: fetchImpl,
      timeoutMs: this.#options.timeoutMs,
      headers: { 'user-agent': userAgent },
      mapError: apiErrorMapper(() => [this.#password]),
    });
    this.#binding = { strategy, manager, http };
    return this.#binding;
  }

  #unbind(): void {
    // Its pending touch writes settle on their own; nothing waits on the old account.
    void this.#binding?.manager.close();
    this.#binding = undefined;
    this.#opening = undefined;
  }

  #account(): string {
    if (this.#email === undefined) {
      throw new ConfigurationError(`No Navien e-mail: pass it or set ${EMAIL_ENV}`, { vendor: VENDOR });
    }
    return this.#email;
  }

  #tokens(session: NavienSession): AuthTokens {
    return tokensFromSession(session, this.#tokenOptions);
  }
}

function awsCredentials(session: NavienSession): NavienAwsCredentials | undefined {
  if (!session.accessKeyId || !session.secretKey || !session.sessionToken) return undefined;
  return {
    accessKeyId: session.accessKeyId,
    secretAccessKey: session.secretKey,
    sessionToken: session.sessionToken,
    expiresAt: session.awsExpiresAt,
  };
}
