import { ConfigurationError, decodeJwtClaims } from '@tokenwise/auth-core/vendor';
import { CLOUD_TOKEN_LIFETIME_MS, VENDOR } from './constants.js';
import { type CozifyCloudSession, jwtTextSchema } from './schemas.js';

/**
 * A cloud session for a token that was not just received (a python-cozify
 * file, a token pasted in): its own `exp` is the only honest expiry, and
 * `renewedAt` (python's `last_refresh`) starts the refresh window.
 */
export function importedCloudSession(email: string, token: string, renewedAt: number): CozifyCloudSession {
  if (!jwtTextSchema.safeParse(token).success) {
    throw new ConfigurationError('The Cozify cloud token given is not a JWT', { vendor: VENDOR });
  }
  const exp = decodeJwtClaims(token)?.exp;
  return {
    vendor: VENDOR,
    kind: 'cloud',
    account: email,
    issuedAt: renewedAt,
    expiresAt:
      typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : renewedAt + CLOUD_TOKEN_LIFETIME_MS,
    cloudToken: token,
  };
}
