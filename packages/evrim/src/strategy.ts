import {
  type AuthContext,
  type AuthStrategy,
  type RequestParts,
  type Secret,
  TokenExpiredError,
  TokenRefreshError,
} from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { checkStrategyOptions } from './config.js';
import { ENV, VENDOR } from './constants.js';
import { isRejectedSession } from './errors.js';
import { type EvrimSession, evrimSessionSchema } from './schemas.js';
import { obtainTokenPair, refreshAccessToken, type TokenEndpoints } from './token-endpoints.js';
import { sessionFromIssued } from './token-session.js';

/** Options of {@link EvrimStrategy}. */
export interface EvrimStrategyOptions {
  /** Base URL, e.g. `https://api.evrim.ai/prod`. */
  baseUrl: string;
  /** Store key identity: the username, or `user-<id>` for token-only clients. */
  account: string;
  /** Needed for password logins; without it renewal stops at the refresh token. */
  username?: string | undefined;
  password?: Secret | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * The simplejwt flow: `POST /token/` for a pair, `POST /token/refresh/` for a
 * new access token, `Authorization: Bearer <access>` on data calls.
 */
export class EvrimStrategy implements AuthStrategy<EvrimSession> {
  /** {@inheritDoc AuthStrategy.vendor} */
  readonly vendor = VENDOR;
  /** {@inheritDoc AuthStrategy.account} */
  readonly account: string;
  /** {@inheritDoc AuthStrategy.schema} */
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
    checkStrategyOptions(options);
    this.account = options.account;
    this.endpoints = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    };
    this.#username = options.username;
    this.#password = options.password;
  }

  /** True when a password login is possible. */
  get canLogin(): boolean {
    return this.#username !== undefined && this.#password !== undefined;
  }

  /** {@inheritDoc AuthStrategy.login} */
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

  /** {@inheritDoc AuthStrategy.refresh} */
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

  /** {@inheritDoc AuthStrategy.authorize} */
  authorize(parts: RequestParts, session: EvrimSession): void {
    parts.headers.set('authorization', `Bearer ${session.accessToken}`);
  }

  /** 401, or a 403 about authentication (see {@link isRejectedSession}). */
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

  /** {@inheritDoc AuthStrategy.token} */
  token(session: EvrimSession): string {
    return session.accessToken;
  }
}

function callContext(context: AuthContext) {
  return { signal: context.signal, now: () => context.clock.now() };
}
