/**
 * Reads the `exp` claim of a JWT and returns it as epoch milliseconds.
 * The signature is NOT verified: this is only used to know when to renew a
 * token the vendor issued to us. Returns `undefined` for anything that is not
 * a JWT with a numeric `exp`.
 */
export function decodeJwtExpiry(token: string): number | undefined {
  const claims = decodeJwtClaims(token);
  const exp = claims?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

/** Decodes (without verifying) the claims of a JWT, or `undefined` when it is not one. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const json = Buffer.from(parts[1], 'base64url').toString('utf8');
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
