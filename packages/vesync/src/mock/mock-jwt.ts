import { randomBytes } from 'node:crypto';

/**
 * A JWT-shaped token like VeSync's (`iat`, `exp`, `terminalId` claims). The
 * signature is random: only the mock that issued it checks it, by lookup.
 */
export function mockJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    encode({ alg: 'HS256', typ: 'JWT' }),
    encode({ ...claims, jti: randomBytes(8).toString('hex') }),
    randomBytes(32).toString('base64url'),
  ].join('.');
}
