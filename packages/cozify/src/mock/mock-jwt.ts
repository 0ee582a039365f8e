import { randomBytes, randomUUID } from 'node:crypto';

/**
 * A token shaped like Cozify's (header `{dom, alg, typ}`, base64url JSON
 * claims) with a random signature: the simulator recognises its tokens by
 * lookup, the way a client can only treat them, as opaque strings.
 */
export function mintMockJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = { dom: 'uk', alg: 'HS512', typ: 'JWT' };
  return `${encode(header)}.${encode({ ...claims, kid: randomUUID() })}.${randomBytes(32).toString('base64url')}`;
}
