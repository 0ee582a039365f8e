import {
  AuthorizedHttp,
  type Clock,
  ConfigurationError,
  checkClockOption,
  checkCountOption,
  checkDurationOption,
  checkFunctionOption,
  checkOptionsObject,
  checkStoreOption,
  checkTimeoutOption,
  ErrorCodes,
  isTokenwiseError,
  Secret,
  SessionManager,
  systemClock,
  TokenExpiredError,
  type TokenStore,
  toSecret,
} from '@tokenwise/auth-core/vendor';
import { EvrimApi } from './api.js';
import {
  type EnvSource,
  EVRIM_OPTION_KEYS,
  FROM_TOKEN_OPTION_KEYS,
  optionalString,
  optionOrEnv,
  processEnv,
  resolveBaseUrl,
} from './config.js';
import { ENV, VENDOR } from './constants.js';
import { dataErrorMapper } from './errors.js';
import type { EvrimSession } from './schemas.js';
import { EvrimStrategy } from './strategy.js';
import { refreshAccessToken, verifyToken } from './token-endpoints.js';
import { absoluteLifetime, sessionFromIssued, tokenUserId } from './token-session.js';

/** Options of {@link Evrim}. Each credential falls back to its environment variable. */
export interface EvrimOptions {
  /** Base URL, e.g. `https://api.evrim.ai/prod`. Default `EVRIM_URL`, then `TOKENWISE_EVRIM_URL`. */
  url?: string;
  /** Login name. Default `EVRIM_USERNAME`. Also names the stored session. */
  username?: string;
  /** Password; needed for logins and for renewal once the refresh token has expired. Default `EVRIM_PASSWORD`. */
  password?: string | Secret;
  /** Where the session is kept and shared. Default: a `MemoryStore` (this client only). */
  store?: TokenStore;
  /** The fetch to use (a proxy agent, a mock). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Time source (tests). Default: the system clock. */
  clock?: Clock;
  /** Store key identity when there is no username. Default: the username. */
  account?: string;
  /** Renew this long before the access token expires. Default 60 000 ms. */
  refreshMarginMs?: number;
  /** Per-attempt timeout of data calls. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries of idempotent data calls on 408/429/5xx. Default 2. */
  retries?: number;
  /** Environment to read the fallbacks from. Default `process.env`. */
  env?: EnvSource;
}

/** Options of {@link Evrim.fromToken}. */
export interface EvrimFromTokenOptions extends Omit<EvrimOptions, 'account'> {
  /** Access token. Default `EVRIM_TOKEN`. */
  token?: string;
  /** Same as `token`: the name the Python client 0.1.1 uses. */
  accessToken?: string;
  /** Refresh token, so the client can renew without a password. Default `EVRIM_REFRESH_TOKEN`. */
  refresh?: string;
  /** Same as `refresh`: the name the Python client 0.1.1 uses. */
  refreshToken?: string;
  /** Ask `/token/verify/` whether the access token is still good. Default true. */
  validate?: boolean;
}

/** Options of {@link Evrim.validateToken}. */
export interface ValidateTokenOptions {
  /** Token to check. Default: the client's current access token. */
  token?: string;
  /** Abandons the check. */
  signal?: AbortSignal;
}

/** What is known about the held session, without its tokens. */
export interface EvrimSessionInfo {
  /** The account half of the store key. */
  account: string;
  /** When the access token was issued, epoch ms on our clock. */
  issuedAt: number;
  /** When the access token expires, epoch ms. */
  expiresAt: number | undefined;
  /** When the refresh token expires, epoch ms, when known. */
  refreshExpiresAt: number | undefined;
  /** Whether renewal without the password is possible. */
  hasRefreshToken: boolean;
}

interface Parts {
  url: string;
  username: string | undefined;
  strategy: EvrimStrategy;
  manager: SessionManager<EvrimSession>;
  http: AuthorizedHttp<EvrimSession>;
  clock: Clock;
  explicitStore: boolean;
}

/**
 * The Evrim client: the upstream `Evrim` API (`create`, `fromToken`,
 * `validateToken`, `setToken`, `refreshToken`, data calls) on a session that
 * renews itself: refresh before `exp`, password login when the refresh token
 * is gone, one retry after a 401, shared across clients and processes through
 * the store. `new Evrim()` does no I/O; `Evrim.create()` authenticates.
 */
export class Evrim extends EvrimApi {
  /** The resolved base URL, without a trailing slash. */
  readonly url: string;
  /** The login name, when one is known. */
  readonly username: string | undefined;
  /** The session manager: events, stats, `peek()`. */
  readonly manager: SessionManager<EvrimSession>;
  readonly #strategy: EvrimStrategy;
  readonly #clock: Clock;
  readonly #explicitStore: boolean;
  // Created before super() so the data calls of EvrimApi can check it too.
  readonly #gate: { closed: boolean };

  /** Builds a client without contacting Evrim. Throws `ConfigurationError` for missing or bad options. */
  constructor(options: EvrimOptions = {}) {
    const parts = buildParts(options, 'Evrim');
    const gate = { closed: false };
    super(parts.http, parts.url, () => assertOpen(gate));
    this.#gate = gate;
    this.url = parts.url;
    this.username = parts.username;
    this.manager = parts.manager;
    this.#strategy = parts.strategy;
    this.#clock = parts.clock;
    this.#explicitStore = parts.explicitStore;
  }

  /**
   * A client with a valid session: the stored one if the store has it,
   * otherwise a password login. Needs a username and, unless `store` may
   * already hold the session, a password.
   */
  static async create(options: EvrimOptions = {}): Promise<Evrim> {
    const client = new Evrim(options);
    if (client.username === undefined) {
      throw new ConfigurationError(`Evrim.create needs a username: pass "username" or set ${ENV.username}`, {
        vendor: VENDOR,
      });
    }
    if (!client.#strategy.canLogin && !client.#explicitStore) {
      throw new ConfigurationError(
        `Evrim.create needs a password: pass "password" or set ${ENV.password} (or give a store that holds a session)`,
        { vendor: VENDOR },
      );
    }
    await client.manager.get();
    return client;
  }

  /**
   * A client from tokens obtained earlier. A valid access token is used as
   * is; an expired or rejected one is renewed with the refresh token (or the
   * password, if given); with neither, `TokenExpiredError`. When the store
   * already holds a usable session descended from these tokens, it is reused
   * without any request.
   */
  static async fromToken(options: EvrimFromTokenOptions = {}): Promise<Evrim> {
    checkOptionsObject(options, 'Evrim.fromToken', FROM_TOKEN_OPTION_KEYS, VENDOR);
    checkSharedOptions(options, 'Evrim.fromToken');
    const {
      token: tokenOption,
      accessToken,
      refresh: refreshOption,
      refreshToken,
      validate,
      ...rest
    } = options;
    if (validate !== undefined && typeof validate !== 'boolean') {
      throw new ConfigurationError('The Evrim option "validate" must be a boolean', { vendor: VENDOR });
    }
    const env = options.env ?? processEnv();
    const token =
      optionalString(tokenOption, 'token') ?? optionOrEnv(accessToken, 'accessToken', env, ENV.token);
    const refresh =
      optionalString(refreshOption, 'refresh') ??
      optionOrEnv(refreshToken, 'refreshToken', env, ENV.refreshToken);
    const anyToken = token ?? refresh;
    if (anyToken === undefined) {
      throw new ConfigurationError(`Evrim.fromToken needs a token: pass "token" or set ${ENV.token}`, {
        vendor: VENDOR,
      });
    }
    const username = optionOrEnv(options.username, 'username', env, ENV.username);
    const userId = tokenUserId(anyToken);
    const account = username ?? (userId === undefined ? undefined : `user-${userId}`);
    if (account === undefined) {
      throw new ConfigurationError(
        'The Evrim token carries no user_id claim; pass "username" to name the account it belongs to',
        { vendor: VENDOR },
      );
    }
    const client = new Evrim({ ...rest, account });
    await client.#adoptTokens(token, refresh, validate ?? true);
    return client;
  }

  /**
   * Asks `/token/verify/` whether a token (default: the current access token)
   * is still accepted. `false` for a rejected or absent token; network
   * failures and 5xx are thrown, never reported as `false`.
   */
  async validateToken(options: ValidateTokenOptions | string = {}): Promise<boolean> {
    // A bare string is the token itself, as in the Python client's `validate_token(token)`.
    const resolved = typeof options === 'string' ? { token: options } : options;
    if (typeof resolved !== 'object' || resolved === null) {
      throw new ConfigurationError('validateToken takes a token or { token?, signal? }', { vendor: VENDOR });
    }
    assertOpen(this.#gate);
    const given = optionalString(resolved.token, 'token');
    const session = given === undefined ? (this.manager.peek() ?? (await this.manager.restore())) : undefined;
    const token = given ?? session?.accessToken;
    if (token === undefined) return false;
    const valid = await verifyToken(this.#strategy.endpoints, token, {
      signal: resolved.signal,
      now: () => this.#clock.now(),
    });
    // Compare-and-swap: drops the session only if it still holds the rejected token.
    if (!valid && session !== undefined) this.manager.invalidate(session, 'rejected by /token/verify/');
    return valid;
  }

  /** Logs in with the username and password for a new token pair (shared through the store). */
  async setToken(signal?: AbortSignal): Promise<void> {
    assertOpen(this.#gate);
    if (!this.#strategy.canLogin) {
      throw new ConfigurationError(
        `setToken needs a username and password: pass them or set ${ENV.username} and ${ENV.password}`,
        { vendor: VENDOR },
      );
    }
    // Loaded first so that the renewal replaces it rather than adopting it from the store.
    if (this.manager.peek() === undefined) await this.manager.restore();
    await this.manager.renew({ signal, login: true });
  }

  /**
   * A new access token from the refresh token, which is kept (or replaced,
   * when the server rotates it). A rejected refresh token falls back to a
   * password login if there is a password, else `TokenExpiredError`.
   */
  async refreshToken(signal?: AbortSignal): Promise<void> {
    assertOpen(this.#gate);
    if (this.manager.peek() === undefined) await this.manager.restore();
    await this.manager.renew(signal);
  }

  /** Expiry facts about the held session, or `undefined` when none is loaded. Never the tokens. */
  sessionInfo(): EvrimSessionInfo | undefined {
    const session = this.manager.peek();
    if (session === undefined) return undefined;
    return {
      account: session.account,
      issuedAt: session.issuedAt,
      expiresAt: session.expiresAt,
      refreshExpiresAt: session.refreshExpiresAt,
      hasRefreshToken: session.refreshToken !== undefined,
    };
  }

  /** Forgets the session here and in the store. simplejwt has no server-side logout to call. */
  async logout(): Promise<void> {
    assertOpen(this.#gate);
    await this.manager.clear();
  }

  /** Releases the client. Idempotent; the stored session stays for the next process. */
  async close(): Promise<void> {
    if (this.#gate.closed) return;
    this.#gate.closed = true;
    await this.manager.close();
  }

  /** Same as {@link Evrim.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #adoptTokens(token: string | undefined, refresh: string | undefined, validate: boolean) {
    // A stored session of the same lineage (another run already verified or refreshed these
    // tokens) is newer than what the caller holds: reuse it rather than overwrite it.
    const stored = await this.manager.restore();
    if (
      stored !== undefined &&
      (stored.accessToken === token || (refresh !== undefined && stored.refreshToken === refresh))
    ) {
      return;
    }
    const now = this.#clock.now();
    const refreshPart = refresh === undefined ? {} : refreshFields(refresh, now);
    if (token !== undefined) {
      const lifetime: { issuedAt: number; expiresAt?: number } = absoluteLifetime(token, now) ?? {
        issuedAt: now,
      };
      const expired = lifetime.expiresAt !== undefined && lifetime.expiresAt <= now;
      const valid =
        !expired && (!validate || (await verifyToken(this.#strategy.endpoints, token, { now: () => now })));
      if (valid) {
        await this.manager.setSession({
          vendor: VENDOR,
          account: this.#strategy.account,
          ...lifetime,
          accessToken: token,
          ...refreshPart,
        });
        return;
      }
    }
    await this.#renewHandedIn(refreshPart);
  }

  /**
   * No usable access token was handed in. Nothing is stored until a working
   * session exists: a dead pair written now would replace a stored session
   * (perhaps holding a rotated refresh token) that still works.
   */
  async #renewHandedIn(refreshPart: Pick<EvrimSession, 'refreshToken' | 'refreshExpiresAt'>) {
    const refreshToken = refreshPart.refreshToken;
    const refreshAlive =
      refreshToken !== undefined &&
      (refreshPart.refreshExpiresAt === undefined || refreshPart.refreshExpiresAt > this.#clock.now());
    if (refreshAlive) {
      try {
        const issued = await refreshAccessToken(this.#strategy.endpoints, refreshToken, {
          now: () => this.#clock.now(),
        });
        await this.manager.setSession(
          sessionFromIssued(this.#strategy.account, issued, refreshPart, this.#clock.now()),
        );
        return;
      } catch (error) {
        if (!isTokenwiseError(error, ErrorCodes.TokenRefreshError)) throw error;
      }
    }
    // Another run may have stored a renewable session of this account (e.g. after rotating
    // these very tokens); the manager refreshes that, or logs in when there is a password.
    try {
      await this.manager.get();
    } catch (error) {
      if (!isTokenwiseError(error, ErrorCodes.TokenExpiredError)) throw error;
      throw new TokenExpiredError(
        'The Evrim access token is invalid or expired, and no refresh token, stored session or password can renew it',
        { vendor: VENDOR, cause: error },
      );
    }
  }
}

// The options `new Evrim` and `Evrim.fromToken` share, checked before anything is sent.
function checkSharedOptions(options: EvrimOptions | EvrimFromTokenOptions, owner: string): void {
  const name = (option: string) => `${owner} option \`${option}\``;
  if (options.env !== undefined && (typeof options.env !== 'object' || options.env === null)) {
    throw new ConfigurationError(`${name('env')} must be an object of environment variables`, {
      vendor: VENDOR,
    });
  }
  if (options.store !== undefined) {
    checkStoreOption(options.store, name('store'), VENDOR);
  }
  if (options.clock !== undefined) checkClockOption(options.clock, name('clock'), VENDOR);
  checkFunctionOption(options.fetch, name('fetch'), VENDOR);
  checkDurationOption(options.refreshMarginMs, name('refreshMarginMs'), VENDOR);
  checkTimeoutOption(options.timeoutMs, name('timeoutMs'), VENDOR);
  checkCountOption(options.retries, name('retries'), VENDOR);
}

// The same typed error every tokenwise client throws once closed.
function assertOpen(gate: { closed: boolean }): void {
  if (gate.closed) throw new ConfigurationError('This Evrim client is closed', { vendor: VENDOR });
}

function refreshFields(
  refresh: string,
  now: number,
): Pick<EvrimSession, 'refreshToken' | 'refreshExpiresAt'> {
  const expiresAt = absoluteLifetime(refresh, now)?.expiresAt;
  return expiresAt === undefined
    ? { refreshToken: refresh }
    : { refreshToken: refresh, refreshExpiresAt: expiresAt };
}

function buildParts(options: EvrimOptions, owner: string): Parts {
  // Before anything else: a misspelled `url` must not fall back to EVRIM_URL (perhaps production).
  checkOptionsObject(options, owner, EVRIM_OPTION_KEYS, VENDOR);
  checkSharedOptions(options, owner);
  const env = options.env ?? processEnv();
  const url = resolveBaseUrl(options.url, env);
  const username = optionOrEnv(options.username, 'username', env, ENV.username);
  const password =
    options.password instanceof Secret
      ? options.password
      : toSecret(optionOrEnv(options.password, 'password', env, ENV.password));
  const account = optionalString(options.account, 'account') ?? username;
  if (account === undefined) {
    throw new ConfigurationError(`Evrim needs a username: pass "username" or set ${ENV.username}`, {
      vendor: VENDOR,
    });
  }
  const clock = options.clock ?? systemClock;
  const strategy = new EvrimStrategy({
    baseUrl: url,
    account,
    username,
    password: password?.isEmpty ? undefined : password,
    fetch: options.fetch,
  });
  const manager = new SessionManager<EvrimSession>({
    strategy,
    store: options.store,
    clock,
    refreshMarginMs: options.refreshMarginMs,
  });
  const http = new AuthorizedHttp<EvrimSession>({
    manager,
    strategy,
    baseUrl: url,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    mapError: dataErrorMapper(() => [password, manager.peek()?.accessToken, manager.peek()?.refreshToken]),
  });
  return { url, username, strategy, manager, http, clock, explicitStore: options.store !== undefined };
}
