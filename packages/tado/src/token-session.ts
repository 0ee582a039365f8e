import { decodeJwtClaims } from '@tokenwise/auth-core/vendor';
import { REFRESH_TOKEN_TTL_MS, VENDOR } from './constants.js';
import { accessClaimsSchema, type TadoSession, type TokenResponse } from './schemas.js';

/** The session a token answer received at `now` makes; the refresh token is always the new one. */
export function sessionFromTokens(account: string, tokens: TokenResponse, now: number): TadoSession {
  const claims = accessClaimsSchema.safeParse(decodeJwtClaims(tokens.access_token) ?? {});
  const homeIds = claims.success ? claims.data.tado_homes?.map((home) => home.id) : undefined;
  return {
    vendor: VENDOR,
    account,
    issuedAt: now,
    expiresAt: now + tokens.expires_in * 1000,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    refreshExpiresAt: now + REFRESH_TOKEN_TTL_MS,
    ...(homeIds === undefined ? {} : { homeIds }),
  };
}
