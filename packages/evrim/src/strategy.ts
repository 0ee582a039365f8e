import {
  type AuthContext,
  type AuthStrategy,
  ConfigurationError,
  checkBaseUrl,
  checkFetchOption,
  checkOptionsObject,
  checkSecretOption,
  checkStringOption,
  type OptionKeys,
  type RequestParts,
  type Secret,
  TokenExpiredError,
  TokenRefreshError,
} from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { ENV, VENDOR } from './constants.js';
import { isRejectedSession } from './errors.js';
import { type EvrimSession, evrimSessionSchema } from './schemas.js';
import {
  obtainTokenPair,
  refreshAccessToken,
  type TokenCallContext,
  type TokenEndpoints,
  verifyToken,
} from './token-endpoints.js';
import { sessionFromIssued } from './token-session.js';

/** Options of {@link EvrimStrategy}. */
export interface EvrimStrategyOptions {
  /** Base URL, e.g. `https://api.evrim.ai/prod`. */
  baseUrl: string;
  /** Store key identity: the username, or `user-<id>` for token-only clients. */
  account: string;
  /** Needed for password logins; without it renewal stops at the refresh token. */
  username?: string | undefined;
  /** The password, as a string or a `Secret`. */
  password?: string | Secret | undefined;
  /** The fetch the token calls go through. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
}

const STRATEGY_OPTION_KEYS = {
  baseUrl: true,
  account: true,
  username: true,
  password: true,
  fetch: true,
} as const satisfies OptionKeys<EvrimStrategyOptions>;

/**
 * The simplejwt flow: `POST /token/` for a pair, `POST /token/refresh/` for a
 * new access token, `Authorization: Bearer <access>` on data calls.
 */
export class EvrimStrategy implements AuthStrategy<EvrimSession> {
  /** Vendor name (`'evrim'`); first half of the store key. */
  readonly vendor = VENDOR;
  /** Account identity (the username, or `user-<id>`); second half of the store key. */
  readonly account: string;
  /** Validates a session read back from a store; a mismatch is treated as "no session". */
  readonly schema: z.ZodType<EvrimSession> = evrimSessionSchema;
  /** Evrim signals a rejected token only with 401/403: successful bodies need no inspection. */
  readonly authFailureOnlyOnErrorStatus = true;
  /** Half the 300 s access lifetime would be wasteful; 60 s leaves room for a slow refresh. */
  readonly refreshMarginMs = 60_000;

  /** The token endpoints this strategy calls; the client verifies tokens through them too. */
  readonly endpoints: TokenEndpoints;
  readonly #username: string | undefined;
  readonly #password: Secret | undefined;

  /** Builds the strategy; it does no I/O until the session manager asks it to. */
  constructor(options: EvrimStrategyOptions) {
    // It takes resolved values (no environment fallbacks), so a missing `baseUrl` would otherwise be a TypeError.
    const owner = 'EvrimStrategy';
    const name = (option: string) => `${owner} option \`${option}\``;
    if (options === undefined) throw new ConfigurationError(`${owner} needs options`, { vendor: VENDOR });
    const checked = checkOptionsObject(options, owner, STRATEGY_OPTION_KEYS, VENDOR);
    if (checked.baseUrl === undefined) {
      throw new ConfigurationError(`${owner} needs \`baseUrl\``, { vendor: VENDOR });
    }
    const account = checkStringOption(checked.account, name('account'), VENDOR);
    if (account === undefined) throw new ConfigurationError(`${owner} needs \`account\``, { vendor: VENDOR });
    const fetch = checkFetchOption(checked.fetch, name('fetch'), VENDOR);
    this.account = account;
    this.endpoints = {
      baseUrl: checkBaseUrl(checked.baseUrl, name('baseUrl'), VENDOR),
      fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
    };
    this.#username = checkStringOption(checked.username, name('username'), VENDOR);
    this.#password = checkSecretOption(checked.password, name('password'), VENDOR);
  }

  /** True when a password login is possible. */
  get canLogin(): boolean {
    return this.#username !== undefined && this.#password !== undefined;
  }

  /**
   * `POST /token/` with the username and password for a fresh pair. Without a
   * password it fails at once with `TokenExpiredError`: a token-only client
   * can go on only as long as its refresh token does.
   */
  async login(context: AuthContext): Promise<EvrimSession> {
    if (this.#username === undefined || this.#password === undefined) {
      throw new TokenExpiredError(
        `The Evrim session cannot be renewed: no usable refresh token and no password (set the password option or ${ENV.password})`,
        { vendor: VENDOR },
      );
    }
    const pair = await obtainTokenPair(this.endpoints, this.#username, this.#password, callContext(context));
    return sessionFromIssued(this.account, pair, undefined, context.clock.now());
  }

  /**
   * `POST /token/refresh/` for a new access token. A session without a
   * refresh token, or one past its `exp`, fails with `TokenRefreshError`
   * without a round trip (the manager then logs in).
   */
  async refresh(session: EvrimSession, context: AuthContext): Promise<EvrimSession> {
    const refreshToken = session.refreshToken;
    if (refreshToken === undefined) {
      throw new TokenRefreshError('The Evrim session has no refresh token', { vendor: VENDOR });
    }
    // A refresh token past its `exp` is refused by the server; save the round trip.
    if (session.refreshExpiresAt !== undefined && session.refreshExpiresAt <= context.clock.now()) {
      throw new TokenRefreshError('The Evrim refresh token has expired', { vendor: VENDOR });
    }
    const issued = await refreshAccessToken(this.endpoints, refreshToken, callContext(context));
    return sessionFromIssued(this.account, issued, session, context.clock.now());
  }

  /**
   * `POST /token/verify/` for a session handed in from outside: kept as is
   * when the server accepts its access token, `undefined` when it refuses it.
   */
  async verify(session: EvrimSession, context: AuthContext<EvrimSession>): Promise<EvrimSession | undefined> {
    return (await this.verifyToken(session.accessToken, callContext(context))) ? session : undefined;
  }

  /**
   * Whether the server accepts `token` (access or refresh: signature, expiry,
   * blacklist). Its 401 is the answer "no"; a network failure or 5xx throws,
   * never a silent `false`.
   */
  verifyToken(token: string, context: TokenCallContext): Promise<boolean> {
    return verifyToken(this.endpoints, token, context);
  }

  /** Sends the access token as `Authorization: Bearer`, on every attempt. */
  authorize(parts: RequestParts, session: EvrimSession): void {
    parts.headers.set('authorization', `Bearer ${session.accessToken}`);
  }

  /**
   * 401, or a 403 whose body is about authentication (`token_not_valid`, or
   * DRF's "credentials were not provided"): a 403 about permissions is not
   * fixed by a new token.
   */
  async isAuthFailure(response: Response): Promise<boolean> {
    if (response.status !== 401 && response.status !== 403) return false;
    return isRejectedSession(response.status, await response.json().catch(() => undefined));
  }

  /**
   * Stores with expiry (Redis) keep a session as long as its refresh token
   * lives, not just the 5-minute access token: otherwise the next process
   * would log in with the password although a refresh would do.
   */
  storeExpiresAt(session: EvrimSession): number | undefined {
    return session.refreshToken === undefined ? session.expiresAt : session.refreshExpiresAt;
  }

  /** The access token: the credential compared when a rejected session is invalidated. */
  token(session: EvrimSession): string {
    return session.accessToken;
  }
}

function callContext(context: Pick<AuthContext, 'signal' | 'clock'>): TokenCallContext {
  return { signal: context.signal, now: () => context.clock.now() };
}
