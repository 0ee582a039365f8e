import { decodeJwtClaims } from '@tokenwise/auth-core';

/** When a token was minted and when it stops working, in epoch ms on *our* clock. */
export interface TokenTimes {
  issuedAt: number;
  expiresAt?: number;
}

/**
 * Reads the lifetime (`exp - iat`) from a Cozify JWT and lays it on our own
 * clock from `receivedAt`: trusting the relative lifetime over the vendor's
 * absolute `exp` keeps a skewed local clock from renewing too early or late.
 * Falls back to `fallbackLifetimeMs` (or no expiry) when the claims are missing.
 */
export function tokenTimes(token: string, receivedAt: number, fallbackLifetimeMs?: number): TokenTimes {
  const claims = decodeJwtClaims(token);
  const iat = claims?.iat;
  const exp = claims?.exp;
  if (typeof iat === 'number' && typeof exp === 'number' && exp > iat) {
    return { issuedAt: receivedAt, expiresAt: receivedAt + (exp - iat) * 1000 };
  }
  if (typeof exp === 'number' && Number.isFinite(exp)) return { issuedAt: receivedAt, expiresAt: exp * 1000 };
  return fallbackLifetimeMs === undefined
    ? { issuedAt: receivedAt }
    : { issuedAt: receivedAt, expiresAt: receivedAt + fallbackLifetimeMs };
}
