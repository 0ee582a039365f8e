import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Options of {@link fakeJwt}. */
export interface FakeJwtOptions {
  /** The header, in the vendor's key order. Default `{ alg: 'HS256', typ: 'JWT' }`. */
  header?: Record<string, unknown> | undefined;
  /**
   * Signs with HMAC-SHA256 under this key (a simulator that checks signatures,
   * as Django's simplejwt does). Without one the signature is random bytes: the
   * simulator recognises its tokens by lookup, as a client must treat them.
   */
  key?: Buffer | string | undefined;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with `claims`, shaped like the vendor's; see {@link FakeJwtOptions}. */
export function fakeJwt(claims: Record<string, unknown>, options: FakeJwtOptions = {}): string {
  const head = `${encode(options.header ?? { alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature =
    options.key === undefined
      ? randomBytes(32).toString('base64url')
      : createHmac('sha256', options.key).update(head).digest('base64url');
  return `${head}.${signature}`;
}

/**
 * The claims of a token {@link fakeJwt} signed with `key`, or `undefined` when
 * it is not a JWT with a valid HS256 signature. Expiry is the caller's business.
 */
export function verifyFakeJwt(token: string, key: Buffer | string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    if (alg !== 'HS256') return undefined;
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
