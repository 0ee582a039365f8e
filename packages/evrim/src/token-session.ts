import { decodeJwtClaims } from '@tokenwise/auth-core/vendor';
import { ACCESS_TOKEN_LIFETIME_MS, REFRESH_TOKEN_LIFETIME_MS, VENDOR } from './constants.js';
import type { EvrimSession } from './schemas.js';

interface Lifetime {
  issuedAt: number;
  expiresAt: number;
}

function claimSeconds(claims: Record<string, unknown> | undefined, name: string): number | undefined {
  const value = claims?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * When a token the server has just minted stops working, on *our* clock:
 * `now + (exp - iat)`. Using the JWT's relative lifetime rather than its
 * absolute `exp` keeps a client whose clock is off by minutes from renewing
 * on every call (or never). The signature is not checked: HS256 needs the
 * server's secret, and the server is the one that enforces it.
 */
export function freshLifetime(token: string, now: number, fallbackMs: number): Lifetime {
  const claims = decodeJwtClaims(token);
  const exp = claimSeconds(claims, 'exp');
  const iat = claimSeconds(claims, 'iat');
  const lifetimeMs = exp !== undefined && iat !== undefined && exp > iat ? (exp - iat) * 1000 : fallbackMs;
  return { issuedAt: now, expiresAt: now + lifetimeMs };
}

/**
 * The lifetime of a token minted at an unknown time (handed in by the user):
 * its absolute `exp`. `issuedAt` never lies in our future, so a server clock
 * ahead of ours does not make the manager distrust the session.
 */
export function absoluteLifetime(token: string, now: number): Lifetime | undefined {
  const claims = decodeJwtClaims(token);
  const exp = claimSeconds(claims, 'exp');
  if (exp === undefined) return undefined;
  const iat = claimSeconds(claims, 'iat');
  return { issuedAt: Math.min(iat === undefined ? now : iat * 1000, now), expiresAt: exp * 1000 };
}

/** The `user_id` claim simplejwt puts in every token, for naming an account known only by its token. */
export function tokenUserId(token: string): string | undefined {
  const value = decodeJwtClaims(token)?.user_id;
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined;
}

/** A session from a pair the server just issued (login or refresh). */
export function sessionFromIssued(
  account: string,
  issued: { access: string; refresh?: string | undefined },
  previous: Pick<EvrimSession, 'refreshToken' | 'refreshExpiresAt'> | undefined,
  now: number,
): EvrimSession {
  const access = freshLifetime(issued.access, now, ACCESS_TOKEN_LIFETIME_MS);
  const session: EvrimSession = { vendor: VENDOR, account, ...access, accessToken: issued.access };
  if (issued.refresh !== undefined) {
    session.refreshToken = issued.refresh;
    session.refreshExpiresAt = freshLifetime(issued.refresh, now, REFRESH_TOKEN_LIFETIME_MS).expiresAt;
  } else if (previous?.refreshToken !== undefined) {
    // simplejwt without rotation answers a refresh with `access` only: the refresh token stays good.
    session.refreshToken = previous.refreshToken;
    if (previous.refreshExpiresAt !== undefined) session.refreshExpiresAt = previous.refreshExpiresAt;
  }
  return session;
}
