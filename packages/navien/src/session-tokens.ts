import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { AuthTokens, type AuthTokensOptions } from './auth-tokens.js';
import { VENDOR } from './constants.js';
import type { NavienSession, UserInfoData } from './schemas.js';

/** The user-facing view of a stored session. */
export function tokensFromSession(session: NavienSession, options: AuthTokensOptions): AuthTokens {
  return new AuthTokens(
    {
      idToken: session.idToken,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      authenticationExpiresIn: session.authenticationExpiresIn,
      accessKeyId: session.accessKeyId,
      secretKey: session.secretKey,
      sessionToken: session.sessionToken,
      authorizationExpiresIn: session.authorizationExpiresIn,
      issuedAt: session.issuedAt,
      awsExpiresAt: session.awsExpiresAt,
    },
    options,
  );
}

/** A session built from tokens the user saved (`storedTokens`). */
export function sessionFromTokens(
  tokens: AuthTokens,
  account: string,
  userInfo: UserInfoData | undefined,
): NavienSession {
  if (!tokens.accessToken) {
    throw new ConfigurationError('storedTokens has no access token', { vendor: VENDOR });
  }
  const issuedAt = tokens.issuedAt.getTime();
  const jwtExpiresAt = tokens.expiresAt.getTime();
  const awsExpiresAt = tokens.hasAwsCredentials ? tokens.awsExpiresAt?.getTime() : undefined;
  return {
    vendor: VENDOR,
    account,
    issuedAt,
    expiresAt: awsExpiresAt === undefined ? jwtExpiresAt : Math.min(jwtExpiresAt, awsExpiresAt),
    idToken: tokens.idToken,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    authenticationExpiresIn: tokens.authenticationExpiresIn,
    jwtExpiresAt,
    ...(tokens.hasAwsCredentials
      ? {
          accessKeyId: tokens.accessKeyId,
          secretKey: tokens.secretKey,
          sessionToken: tokens.sessionToken,
          ...(tokens.authorizationExpiresIn === undefined
            ? {}
            : { authorizationExpiresIn: tokens.authorizationExpiresIn }),
          ...(awsExpiresAt === undefined ? {} : { awsExpiresAt }),
        }
      : {}),
    ...(userInfo ? { userInfo } : {}),
  };
}
