import {
  type AuthContext,
  type AuthStrategy,
  type RequestParts,
  requestJson,
  type Secret,
  TokenRefreshError,
} from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { PATHS, VENDOR } from './constants.js';
import { mapLoginError, mapRefreshError } from './errors.js';
import { type TadoSession, tadoSessionSchema, tokenResponseSchema } from './schemas.js';

/** What {@link TadoStrategy} needs; the client has checked every value. */
export interface TadoStrategyOptions {
  baseUrl: string;
  username: string;
  password: Secret | undefined;
  fetch: typeof globalThis.fetch | undefined;
}

/**
 * The Tado login flow. Placeholder: a JSON password login and a
 * refresh-token grant, as the generator wrote them. Replace the bodies, paths
 * and error mapping with the vendor's wire reference; keep the shape.
 */
export class TadoStrategy implements AuthStrategy<TadoSession> {
  readonly vendor = VENDOR;
  readonly account: string;
  readonly schema = tadoSessionSchema;
  // Only a 401 on an error status means the session was refused; a 200 is never an auth failure.
  readonly authFailureOnlyOnErrorStatus = true;
  readonly #base: string;
  readonly #password: Secret | undefined;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: TadoStrategyOptions) {
    this.account = options.username;
    this.#base = options.baseUrl;
    this.#password = options.password;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Whether a login is possible at all (a client without a password lives on a stored session). */
  get canLogin(): boolean {
    return this.#password !== undefined;
  }

  async login(context: AuthContext<TadoSession>): Promise<TadoSession> {
    if (this.#password === undefined) {
      throw new TokenRefreshError('Tado needs a password to log in again', { vendor: VENDOR });
    }
    const body = await requestJson({
      fetch: this.#fetch,
      url: `${this.#base}/${PATHS.login}`,
      json: { username: this.account, password: this.#password.reveal() },
      schema: tokenResponseSchema,
      vendor: VENDOR,
      what: 'login response',
      signal: context.signal,
      now: () => context.clock.now(),
      mapError: mapLoginError,
    });
    return this.#toSession(body, undefined, context);
  }

  async refresh(session: TadoSession, context: AuthContext<TadoSession>): Promise<TadoSession> {
    const body = await requestJson({
      fetch: this.#fetch,
      url: `${this.#base}/${PATHS.refresh}`,
      json: { refresh_token: session.refreshToken },
      schema: tokenResponseSchema,
      vendor: VENDOR,
      what: 'refresh response',
      signal: context.signal,
      now: () => context.clock.now(),
      mapError: mapRefreshError,
    });
    return this.#toSession(body, session.refreshToken, context);
  }

  authorize(parts: RequestParts, session: TadoSession): void {
    parts.headers.set('authorization', `Bearer ${session.accessToken}`);
  }

  isAuthFailure(response: Response): boolean {
    return response.status === 401;
  }

  token(session: TadoSession): string {
    return session.accessToken;
  }

  /** Asks the API whether a handed-in session is still accepted: the session if so, else `undefined`. */
  async verify(session: TadoSession, context: AuthContext<TadoSession>): Promise<TadoSession | undefined> {
    const response = await this.#fetch(`${this.#base}/${PATHS.me}`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
      signal: context.signal,
    });
    await response.body?.cancel();
    if (response.status === 401) return undefined;
    if (!response.ok) {
      throw new TokenRefreshError(`Tado could not check the session (HTTP ${response.status})`, {
        vendor: VENDOR,
      });
    }
    return session;
  }

  #toSession(
    body: z.infer<typeof tokenResponseSchema>,
    previousRefresh: string | undefined,
    context: AuthContext<TadoSession>,
  ): TadoSession {
    const now = context.clock.now();
    const refreshToken = body.refresh_token ?? previousRefresh;
    if (refreshToken === undefined) {
      throw new TokenRefreshError('Tado sent no refresh token', { vendor: VENDOR });
    }
    return {
      vendor: VENDOR,
      account: this.account,
      issuedAt: now,
      // The relative lifetime, on our clock: a skewed server clock cannot make the session look fresh.
      expiresAt: now + body.expires_in * 1000,
      accessToken: body.access_token,
      refreshToken,
    };
  }
}
