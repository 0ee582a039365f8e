import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ErrorCodes,
  InvalidCredentialsError,
  isAuthenticationFailure,
  isTokenwiseError,
  RateLimitError,
  TokenwiseError,
} from '../src/errors.js';
import { decodeJwtClaims, decodeJwtExpiry } from '../src/jwt.js';
import { parseRetryAfter } from '../src/retry-after.js';
import { redactText, Secret } from '../src/secret.js';

describe('errors', () => {
  it('carry stable codes and a class hierarchy', () => {
    const e = new InvalidCredentialsError('nope', { vendor: 'vesync' });
    expect(e.code).toBe('TOKENWISE_INVALID_CREDENTIALS');
    expect(e.name).toBe('InvalidCredentialsError');
    expect(e).toBeInstanceOf(TokenwiseError);
    expect(isAuthenticationFailure(e)).toBe(true);
    expect(isAuthenticationFailure(new ApiError('x', { status: 500 }))).toBe(false);
  });

  it('isTokenwiseError recognises errors from another copy of core (the built CJS copy)', () => {
    const require = createRequire(import.meta.url);
    const other = require('@tokenwise/auth-core') as typeof import('../src/index.js');
    const foreign = new other.RateLimitError('slow', { retryAfterMs: 5000 });
    expect(foreign).not.toBeInstanceOf(RateLimitError);
    expect(isTokenwiseError(foreign)).toBe(true);
    expect(isTokenwiseError(foreign, ErrorCodes.RateLimitError)).toBe(true);
    expect(other.isTokenwiseError(new RateLimitError('x', { retryAfterMs: 1 }))).toBe(true);
    expect(isTokenwiseError(new Error('plain'))).toBe(false);
    expect(isTokenwiseError({ code: ErrorCodes.ApiError })).toBe(false);
  });

  it('JSON and inspect show the safe fields and never the cause', () => {
    const cause = new Error('Authorization: Bearer canary-token-abcdef');
    const e = new ApiError('vesync answered HTTP 500', { status: 500, vendorCode: -1, cause });
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'ApiError', code: 'TOKENWISE_API', status: 500, vendorCode: -1 });
    expect(JSON.stringify(e)).not.toContain('canary-token');
    expect(inspect(e)).not.toContain('canary-token');
    expect(inspect(e)).toContain('TOKENWISE_API');
  });

  it('RateLimitError rounds and clamps retryAfterMs', () => {
    expect(new RateLimitError('x', { retryAfterMs: -5 }).retryAfterMs).toBe(0);
    expect(new RateLimitError('x', { retryAfterMs: 1500.4 }).retryAfterMs).toBe(1500);
  });
});

describe('Secret', () => {
  it('never prints its value', () => {
    const s = new Secret('canary-password');
    expect(String(s)).toBe('[REDACTED]');
    expect(`${s}`).toBe('[REDACTED]');
    expect(JSON.stringify({ s })).toBe('{"s":"[REDACTED]"}');
    expect(inspect({ s })).not.toContain('canary');
    expect(s.reveal()).toBe('canary-password');
  });

  it('redactText removes every occurrence of known secrets', () => {
    expect(redactText('token=abc12345 again abc12345', ['abc12345', undefined, 'x'])).toBe(
      'token=[REDACTED] again [REDACTED]',
    );
  });
});

describe('JWT and Retry-After parsing', () => {
  const jwt = (claims: object) =>
    `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  it('reads exp as epoch ms without verifying', () => {
    expect(decodeJwtExpiry(jwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(decodeJwtClaims(jwt({ sub: 'x' }))).toEqual({ sub: 'x' });
  });

  it('returns undefined for anything that is not a JWT with a numeric exp', () => {
    expect(decodeJwtExpiry('opaque-token')).toBeUndefined();
    expect(decodeJwtExpiry('a.!!!.c')).toBeUndefined();
    expect(decodeJwtExpiry(jwt({ exp: 'soon' }))).toBeUndefined();
    expect(decodeJwtExpiry(jwt([1, 2]))).toBeUndefined();
  });

  it('parses delta seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
