import {
  AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  type Clock,
  ConfigurationError,
  checkBooleanOption,
  checkStringOption,
  ErrorCodes,
  isTokenwiseError,
  SessionManager,
  systemClock,
  TokenExpiredError,
} from '@tokenwise/auth-core/vendor';
import { EvrimApi } from './api.js';
import {
  EVRIM_OPTION_KEYS,
  type EvrimFromTokenOptions,
  type EvrimOptions,
  FROM_TOKEN_OPTION_KEYS,
  optionOrEnv,
  resolveEvrimOptions,
} from './client-options.js';
import { ENV, VENDOR } from './constants.js';
import { dataErrorMapper } from './errors.js';
import type { EvrimSession } from './schemas.js';
import { EvrimStrategy } from './strategy.js';
import { absoluteLifetime, tokenUserId } from './token-session.js';

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
  baseUrl: string;
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
  readonly baseUrl: string;
  /** The login name, when one is known. */
  readonly username: string | undefined;
  /** The session manager: events, stats, `peek()`, `keepAlive()`. */
  readonly manager: SessionManager<EvrimSession>;
  readonly #strategy: EvrimStrategy;
  readonly #http: AuthorizedHttp<EvrimSession>;
  readonly #clock: Clock;
  readonly #explicitStore: boolean;
  // Created before super() so the data calls of EvrimApi check it too.
  readonly #lifecycle: ClientLifecycle;

  /** Builds a client without contacting Evrim. Throws `ConfigurationError` for missing or bad options. */
  constructor(options: EvrimOptions = {}) {
    const parts = buildParts(options, 'Evrim', EVRIM_OPTION_KEYS);
    const lifecycle = new ClientLifecycle('Evrim', VENDOR);
    super(parts.http, parts.baseUrl, () => lifecycle.assertOpen());
    this.#lifecycle = lifecycle;
    this.baseUrl = parts.baseUrl;
    this.username = parts.username;
    this.manager = parts.manager;
    this.#strategy = parts.strategy;
    this.#http = parts.http;
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
   * already holds a usable session newer than these tokens, it is reused
   * without any request.
   */
  static async fromToken(options: EvrimFromTokenOptions = {}): Promise<Evrim> {
    const owner = 'Evrim.fromToken';
    const { env } = resolveEvrimOptions(options, owner, FROM_TOKEN_OPTION_KEYS);
    const name = (option: string) => `${owner} option \`${option}\``;
    const {
      token: tokenOption,
      accessToken,
      refresh: refreshOption,
      refreshToken,
      validate,
      ...rest
    } = options;
    checkBooleanOption(validate, name('validate'), VENDOR);
    const token =
      checkStringOption(tokenOption, name('token'), VENDOR) ??
      optionOrEnv(accessToken, name('accessToken'), env, ENV.token);
    const refresh =
      checkStringOption(refreshOption, name('refresh'), VENDOR) ??
      optionOrEnv(refreshToken, name('refreshToken'), env, ENV.refreshToken);
    const anyToken = token ?? refresh;
    if (anyToken === undefined) {
      throw new ConfigurationError(`Evrim.fromToken needs a token: pass "token" or set ${ENV.token}`, {
        vendor: VENDOR,
      });
    }
    const username = optionOrEnv(options.username, name('username'), env, ENV.username);
    const userId = tokenUserId(anyToken);
    const account = username ?? (userId === undefined ? undefined : `user-${userId}`);
    if (account === undefined) {
      throw new ConfigurationError(
        'The Evrim token carries no user_id claim; pass "username" to name the account it belongs to',
        { vendor: VENDOR },
      );
    }
    const client = new Evrim({ ...rest, account });
    await client.#adopt(token, refresh, validate ?? true);
    return client;
  }

  /**
   * An authorized call to any Evrim endpoint the SDK does not wrap: `path` is
   * relative to {@link Evrim.baseUrl} (keep Django's trailing slash). A
   * rejected session is renewed once and the call replayed; errors are typed.
   * The body is already read (up to 10 MiB) and can be consumed once.
   */
  async request(path: string, init: CallOptions = {}): Promise<Response> {
    this.#lifecycle.assertOpen();
    return this.#http.request(path, init);
  }

  /**
   * Asks `/token/verify/` whether a token (default: the current access token)
   * is still accepted. `false` for a rejected or absent token; network
   * failures and 5xx are thrown, never reported as `false`.
   */
  async validateToken(options: ValidateTokenOptions | string = {}): Promise<boolean> {
    this.#lifecycle.assertOpen();
    // A bare string is the token itself, as in the Python client's `validate_token(token)`.
    const resolved = typeof options === 'string' ? { token: options } : options;
    if (typeof resolved !== 'object' || resolved === null) {
      throw new ConfigurationError('validateToken takes a token or { token?, signal? }', { vendor: VENDOR });
    }
    const given = checkStringOption(resolved.token, 'validateToken option `token`', VENDOR);
    const session = given === undefined ? (this.manager.peek() ?? (await this.manager.restore())) : undefined;
    const token = given ?? session?.accessToken;
    if (token === undefined) return false;
    const valid = await this.#strategy.verifyToken(token, {
      signal: resolved.signal,
      now: () => this.#clock.now(),
    });
    // Compare-and-swap: drops the session only if it still holds the rejected token.
    if (!valid && session !== undefined) this.manager.invalidate(session, 'rejected by /token/verify/');
    return valid;
  }

  /** Logs in with the username and password for a new token pair (shared through the store). */
  async setToken(signal?: AbortSignal): Promise<void> {
    this.#lifecycle.assertOpen();
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
    this.#lifecycle.assertOpen();
    if (this.manager.peek() === undefined) await this.manager.restore();
    await this.manager.renew(signal);
  }

  /** Expiry facts about the held session, or `undefined` when none is loaded. Never the tokens. */
  sessionInfo(): EvrimSessionInfo | undefined {
    this.#lifecycle.assertOpen();
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
    this.#lifecycle.assertOpen();
    await this.manager.clear();
  }

  /**
   * Releases the client; every later call fails with `ClientClosedError`.
   * Idempotent; the stored session stays for the next process.
   */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.manager.close());
  }

  /** Same as {@link Evrim.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * Takes up handed-in tokens through the manager, which never stores a
   * session the server refused and lets a usable stored session that is newer
   * (another run already verified or refreshed these tokens) win: the access
   * token if the server accepts it, else a refresh with the refresh token,
   * else whatever the manager can renew (a stored session, a password).
   */
  async #adopt(token: string | undefined, refresh: string | undefined, validate: boolean): Promise<void> {
    const now = this.#clock.now();
    const refreshLifetime = refresh === undefined ? undefined : absoluteLifetime(refresh, now);
    const refreshPart =
      refresh === undefined
        ? {}
        : refreshLifetime === undefined
          ? { refreshToken: refresh }
          : { refreshToken: refresh, refreshExpiresAt: refreshLifetime.expiresAt };
    const base = { vendor: VENDOR, account: this.#strategy.account } as const;
    if (token !== undefined) {
      const lifetime = absoluteLifetime(token, now) ?? { issuedAt: now };
      try {
        await this.manager.adopt(
          { ...base, ...lifetime, accessToken: token, ...refreshPart },
          { check: validate ? 'verify' : 'none' },
        );
        return;
      } catch (error) {
        if (!isTokenwiseError(error, ErrorCodes.TokenExpiredError)) throw error;
      }
    }
    const refreshAlive =
      refresh !== undefined && (refreshLifetime === undefined || refreshLifetime.expiresAt > now);
    if (refresh !== undefined && refreshAlive) {
      // The access token is dead or absent: only the renewed session is kept, never this one, so
      // the schema's required access token may be a stand-in (the refresh token itself).
      const issuedAt = refreshLifetime?.issuedAt ?? now;
      try {
        await this.manager.adopt(
          { ...base, issuedAt, expiresAt: issuedAt, accessToken: token ?? refresh, ...refreshPart },
          { check: 'refresh' },
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

function buildParts(options: EvrimOptions, owner: string, keys: Readonly<Record<string, true>>): Parts {
  const { baseUrl, username, password } = resolveEvrimOptions(options, owner, keys);
  const account = checkStringOption(options.account, `${owner} option \`account\``, VENDOR) ?? username;
  if (account === undefined) {
    throw new ConfigurationError(`Evrim needs a username: pass "username" or set ${ENV.username}`, {
      vendor: VENDOR,
    });
  }
  const clock = options.clock ?? systemClock;
  const strategy = new EvrimStrategy({ baseUrl, account, username, password, fetch: options.fetch });
  const manager = new SessionManager<EvrimSession>({
    strategy,
    store: options.store,
    clock,
    refreshMarginMs: options.refreshMarginMs,
    maxBackOffMs: options.maxBackOffMs,
  });
  const http = new AuthorizedHttp<EvrimSession>({
    manager,
    baseUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    mapError: dataErrorMapper(() => [password, manager.peek()?.accessToken, manager.peek()?.refreshToken]),
  });
  return { baseUrl, username, strategy, manager, http, clock, explicitStore: options.store !== undefined };
}
