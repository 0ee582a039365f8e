import { type AuthContext, ErrorCodes, isTokenwiseError, type TokenwiseError } from '@tokenwise/auth-core';
import type { NavienSession } from './schemas.js';
import type { NavienStrategy } from './strategy.js';

/**
 * Makes an explicit `refreshToken(current)` mean "refresh", as the vendor's
 * library documents: when the cloud refuses the refresh token, the caller
 * gets the `TokenRefreshError` ("sign in again") instead of the session
 * manager's usual fallback, a silent sign-in. Renewals nobody asked for
 * (`ensureValidToken`, data calls) keep that fallback.
 *
 * The manager hands one `AuthContext` to the refresh and to the sign-in that
 * would follow it, so the refusal is remembered per renewal: only the
 * renewal that refreshed a token being explicitly refreshed is affected.
 */
export class ExplicitRefreshGuard {
  // Refresh tokens an explicit refreshToken() call is renewing right now (count per token).
  readonly #explicit = new Map<string, number>();
  readonly #refused = new WeakMap<AuthContext<NavienSession>, TokenwiseError>();

  /** Runs `renew` with sign-in fallback refused for renewals of `refreshToken`. */
  async run<T>(refreshToken: string, renew: () => Promise<T>): Promise<T> {
    this.#explicit.set(refreshToken, (this.#explicit.get(refreshToken) ?? 0) + 1);
    try {
      return await renew();
    } finally {
      const left = (this.#explicit.get(refreshToken) ?? 1) - 1;
      if (left === 0) this.#explicit.delete(refreshToken);
      else this.#explicit.set(refreshToken, left);
    }
  }

  /** The strategy the session manager should use: `strategy` with the refusal rule applied. */
  wrap(strategy: NavienStrategy): NavienStrategy {
    const refresh = strategy.refresh?.bind(strategy);
    return {
      ...strategy,
      ...(refresh === undefined
        ? {}
        : {
            refresh: async (session: NavienSession, context: AuthContext<NavienSession>) => {
              try {
                return await refresh(session, context);
              } catch (error) {
                if (
                  this.#explicit.has(session.refreshToken) &&
                  isTokenwiseError(error, ErrorCodes.TokenRefreshError)
                ) {
                  this.#refused.set(context, error);
                }
                throw error;
              }
            },
          }),
      login: (context: AuthContext<NavienSession>) => {
        const refused = this.#refused.get(context);
        if (refused !== undefined) return Promise.reject(refused);
        return strategy.login(context);
      },
    };
  }
}
