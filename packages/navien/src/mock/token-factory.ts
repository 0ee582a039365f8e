import { randomBytes, randomUUID } from 'node:crypto';
import { fakeJwt } from '@tokenwise/auth-core/mock';

const COGNITO_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_cVLMJfmQZ';
const COGNITO_CLIENT_ID = '31vkf35nm57cnf9j2hnjcuruio';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A Cognito-shaped RS256 JWT (random signature: nobody verifies it offline). */
function jwt(claims: Record<string, unknown>): string {
  return fakeJwt(claims, { header: { kid: randomBytes(32).toString('base64'), alg: 'RS256' } });
}

/** The Cognito id and access tokens of one issue. */
export function cognitoTokens(
  email: string,
  sub: string,
  issuedAtS: number,
  authTimeS: number,
  lifetimeS: number,
): { idToken: string; accessToken: string } {
  const common = {
    sub,
    iss: COGNITO_ISSUER,
    auth_time: authTimeS,
    iat: issuedAtS,
    exp: issuedAtS + lifetimeS,
  };
  const idToken = jwt({
    ...common,
    email_verified: true,
    'cognito:username': sub,
    origin_jti: randomUUID(),
    aud: COGNITO_CLIENT_ID,
    event_id: randomUUID(),
    token_use: 'id',
    jti: randomUUID(),
    email,
  });
  const accessToken = jwt({
    ...common,
    client_id: COGNITO_CLIENT_ID,
    token_use: 'access',
    jti: randomUUID(),
  });
  return { idToken, accessToken };
}

/** A Cognito encrypted refresh token: compact JWE (RSA-OAEP / A256GCM), opaque to clients. */
export function cognitoRefreshToken(): string {
  const header = base64url({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
  const parts = [256, 12, 400, 16].map((size) => randomBytes(size).toString('base64url'));
  return [header, ...parts].join('.');
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Temporary STS credentials: a 20-character `ASIA…` key id, a 40-character secret and a session token. */
export function stsCredentials(): { accessKeyId: string; secretKey: string; sessionToken: string } {
  const keyId = Array.from(randomBytes(16), (byte) => KEY_ALPHABET[byte % 32]).join('');
  return {
    accessKeyId: `ASIA${keyId}`,
    secretKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(300).toString('base64'),
  };
}
