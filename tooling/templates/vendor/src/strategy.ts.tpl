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
import { type __Vendor__Session, __vendorCamel__SessionSchema, tokenResponseSchema } from './schemas.js';

/** What {@link __Vendor__Strategy} needs; the client has checked every value. */
export interface __Vendor__StrategyOptions {
  baseUrl: string;
  username: string;
  password: Secret | undefined;
  fetch: typeof globalThis.fetch | undefined;
}

/**
 * The __Vendor__ login flow. Placeholder: a JSON password login and a
 * refresh-token grant, as the generator wrote them. Replace the bodies, paths
 * and error mapping with the vendor's wire reference; keep the shape.
 */
export class __Vendor__Strategy implements AuthStrategy<__Vendor__Session> {
  readonly vendor = VENDOR;
  readonly account: string;
  readonly schema = __vendorCamel__SessionSchema;
  // Only a 401 on an error status means the session was refused; a 200 is never an auth failure.
  readonly authFailureOnlyOnErrorStatus = true;
  readonly #base: string;
  readonly #password: Secret | undefined;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: __Vendor__StrategyOptions) {
    this.account = options.username;
    this.#base = options.baseUrl;
    this.#password = options.password;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Whether a login is possible at all (a client without a password lives on a stored session). */
  get canLogin(): boolean {
    return this.#password !== undefined;
  }

  async login(context: AuthContext<__Vendor__Session>): Promise<__Vendor__Session> {
    if (this.#password === undefined) {
      throw new TokenRefreshError('__Vendor__ needs a password to log in again', { vendor: VENDOR });
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

  async refresh(
    session: __Vendor__Session,
    context: AuthContext<__Vendor__Session>,
  ): Promise<__Vendor__Session> {
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

  authorize(parts: RequestParts, session: __Vendor__Session): void {
    parts.headers.set('authorization', `Bearer ${session.accessToken}`);
  }

  isAuthFailure(response: Response): boolean {
    return response.status === 401;
  }

  token(session: __Vendor__Session): string {
    return session.accessToken;
  }

  /** Asks the API whether a handed-in session is still accepted: the session if so, else `undefined`. */
  async verify(
    session: __Vendor__Session,
    context: AuthContext<__Vendor__Session>,
  ): Promise<__Vendor__Session | undefined> {
    const response = await this.#fetch(`${this.#base}/${PATHS.me}`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
      signal: context.signal,
    });
    await response.body?.cancel();
    if (response.status === 401) return undefined;
    if (!response.ok) {
      throw new TokenRefreshError(`__Vendor__ could not check the session (HTTP ${response.status})`, {
        vendor: VENDOR,
      });
    }
    return session;
  }

  #toSession(
    body: z.infer<typeof tokenResponseSchema>,
    previousRefresh: string | undefined,
    context: AuthContext<__Vendor__Session>,
  ): __Vendor__Session {
    const now = context.clock.now();
    const refreshToken = body.refresh_token ?? previousRefresh;
    if (refreshToken === undefined) {
      throw new TokenRefreshError('__Vendor__ sent no refresh token', { vendor: VENDOR });
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
