import { z } from 'zod';
import { InvalidCredentialsError, TokenRefreshError } from '../../errors.js';
import { requestJson } from '../../http/request-json.js';
import { decodeJwtExpiry } from '../../jwt.js';
import { type Secret, toSecret } from '../../secret.js';
import { sessionBaseSchema } from '../../session.js';
import type { AuthContext, AuthStrategy } from '../../strategy.js';

/** Session of the reference flow. */
export const referenceSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('reference'),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
});

/** Session of the reference flow. */
export type ReferenceSession = z.infer<typeof referenceSessionSchema>;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});

/** Options of {@link createReferenceStrategy}. */
export interface ReferenceStrategyOptions {
  /** The reference cloud's URL. */
  baseUrl: string;
  /** The account's user name; also the strategy's `account`. */
  username: string;
  /** The account's password. */
  password: string | Secret;
  /** The fetch the login and refresh calls go through. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
}

/**
 * The reference password + refresh-token flow against {@link ReferenceCloud}.
 * Small on purpose: it shows everything a vendor strategy has to decide.
 */
export function createReferenceStrategy(options: ReferenceStrategyOptions): AuthStrategy<ReferenceSession> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const password = toSecret(options.password);
  const fetchImpl = options.fetch ?? globalThis.fetch;

  const toSession = (
    body: z.infer<typeof tokenResponseSchema>,
    previousRefresh: string | undefined,
    context: AuthContext,
  ): ReferenceSession => {
    const now = context.clock.now();
    const refreshToken = body.refresh_token ?? previousRefresh;
    if (refreshToken === undefined) throw new TokenRefreshError('The reference cloud sent no refresh token');
    return {
      vendor: 'reference',
      account: options.username,
      issuedAt: now,
      // Clock-independent: the relative lifetime is trusted over the JWT's own clock.
      expiresAt: now + body.expires_in * 1000,
      accessToken: body.access_token,
      refreshToken,
    };
  };

  return {
    vendor: 'reference',
    account: options.username,
    schema: referenceSessionSchema,
    async login(context) {
      const body = await requestJson({
        fetch: fetchImpl,
        url: `${base}/auth/login`,
        json: { username: options.username, password: password.reveal() },
        schema: tokenResponseSchema,
        vendor: 'reference',
        what: 'login response',
        signal: context.signal,
        now: () => context.clock.now(),
        mapError: (response) =>
          response.status === 401
            ? new InvalidCredentialsError('The reference cloud rejected the username or password', {
                vendor: 'reference',
              })
            : undefined,
      });
      return toSession(body, undefined, context);
    },
    async refresh(session, context) {
      const body = await requestJson({
        fetch: fetchImpl,
        url: `${base}/auth/refresh`,
        json: { refresh_token: session.refreshToken },
        schema: tokenResponseSchema,
        vendor: 'reference',
        what: 'refresh response',
        signal: context.signal,
        mapError: (response, payload) =>
          response.status === 400 && (payload as { error?: unknown } | null)?.error === 'invalid_grant'
            ? new TokenRefreshError('The reference cloud rejected the refresh token', { vendor: 'reference' })
            : undefined,
      });
      return toSession(body, session.refreshToken, context);
    },
    authorize(parts, session) {
      parts.headers.set('authorization', `Bearer ${session.accessToken}`);
    },
    authFailureOnlyOnErrorStatus: true,
    isAuthFailure(response) {
      return response.status === 401;
    },
    token(session) {
      return session.accessToken;
    },
  };
}

/** The JWT expiry of a reference access token (for showing it; the session uses `expires_in`). */
export function referenceTokenExpiry(session: ReferenceSession): number | undefined {
  return decodeJwtExpiry(session.accessToken);
}
