import { decodeJwtClaims } from '@tokenwise/auth-core/vendor';

/** When a token was minted and when it stops working, in epoch ms on *our* clock. */
export interface TokenTimes {
  issuedAt: number;
  expiresAt?: number;
}

/** Where a token comes from, which decides how far its claims are trusted. */
export type TokenOrigin =
  /** Minted by the cloud for this very call (`emaillogin`, `refreshsession`). */
  | 'minted'
  /** Handed out by the cloud now, but possibly minted earlier (`hubkeys` reuses keys until they expire). */
  | 'received'
  /** Read from a file or given by the user: possibly old, possibly expired. */
  | 'imported';

/**
 * The lifetime of a Cozify JWT on *our* clock.
 *
 * - `minted`: the relative lifetime (`exp - iat`) from `receivedAt`, so a
 *   skewed local clock neither renews too early nor too late.
 * - `received`: the earlier of that and the absolute `exp`, because a reused
 *   key may have little life left; but when the absolute `exp` is already
 *   past on our clock, the cloud would not have handed the key out, so our
 *   clock is off and the relative lifetime is used (no fetch loop).
 * - `imported`: the absolute `exp` only (an old key must not look new).
 *
 * Falls back to `fallbackLifetimeMs` (or no expiry) when the claims are missing.
 */
export function tokenTimes(
  token: string,
  receivedAt: number,
  origin: TokenOrigin,
  fallbackLifetimeMs?: number,
): TokenTimes {
  const claims = decodeJwtClaims(token);
  const iat = claims?.iat;
  const exp = claims?.exp;
  const absolute = typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  const relative =
    typeof iat === 'number' && absolute !== undefined && absolute > iat * 1000
      ? receivedAt + (absolute - iat * 1000)
      : undefined;
  let expiresAt: number | undefined;
  if (origin === 'imported') expiresAt = absolute;
  else if (origin === 'minted') expiresAt = relative ?? absolute;
  else if (relative === undefined) expiresAt = absolute;
  else expiresAt = absolute !== undefined && absolute > receivedAt ? Math.min(relative, absolute) : relative;
  expiresAt ??= fallbackLifetimeMs === undefined ? undefined : receivedAt + fallbackLifetimeMs;
  return expiresAt === undefined ? { issuedAt: receivedAt } : { issuedAt: receivedAt, expiresAt };
}
