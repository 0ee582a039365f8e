import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from '../src/content-disposition.js';
import { EvrimStrategy } from '../src/index.js';
import { fakeJwt } from '../src/mock/index.js';
import { absoluteLifetime, freshLifetime } from '../src/token-session.js';

describe('filenameFromContentDisposition', () => {
  it.each([
    ['attachment; filename="report.pdf"', 'report.pdf'],
    ['attachment; filename=report.docx', 'report.docx'],
    ['attachment; filename="a \\"b\\".pdf"', 'a "b".pdf'],
    [`attachment; filename="fallback.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`, 'résumé.pdf'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.pdf"', 'x.pdf'],
    ['attachment; filename=".."', undefined],
    ['attachment', undefined],
  ])('%s → %s', (header, expected) => {
    expect(filenameFromContentDisposition(header)).toBe(expected);
  });

  it('is undefined without the header', () => {
    expect(filenameFromContentDisposition(null)).toBeUndefined();
  });
});

describe('token lifetimes', () => {
  const key = Buffer.alloc(32, 1);
  const now = Date.UTC(2026, 0, 1);

  it('a freshly issued token lasts exp - iat on our clock, however far the server clock is off', () => {
    const serverAhead = Math.floor(now / 1000) + 3_600;
    const token = fakeJwt(
      { token_type: 'access', exp: serverAhead + 300, iat: serverAhead, jti: 'x', user_id: 1 },
      { key },
    );
    expect(freshLifetime(token, now, 1)).toEqual({ issuedAt: now, expiresAt: now + 300_000 });
  });

  it('falls back to the documented lifetime when the token has no usable claims', () => {
    expect(freshLifetime('opaque', now, 300_000)).toEqual({ issuedAt: now, expiresAt: now + 300_000 });
  });

  it('a handed-in token keeps its absolute exp and never has an issuedAt in our future', () => {
    const iat = Math.floor(now / 1000) + 600;
    const token = fakeJwt({ token_type: 'access', exp: iat + 300, iat, jti: 'x', user_id: 1 }, { key });
    expect(absoluteLifetime(token, now)).toEqual({ issuedAt: now, expiresAt: (iat + 300) * 1000 });
    expect(absoluteLifetime('opaque', now)).toBeUndefined();
  });
});

describe('EvrimStrategy.isAuthFailure', () => {
  const strategy = new EvrimStrategy({ baseUrl: 'https://x.test', account: 'a' });
  const response = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

  it('treats 401 and an authentication 403 alike, but not a permission 403', async () => {
    expect(await strategy.isAuthFailure(response(401, {}))).toBe(true);
    expect(
      await strategy.isAuthFailure(
        response(403, { detail: 'Authentication credentials were not provided.' }),
      ),
    ).toBe(true);
    expect(await strategy.isAuthFailure(response(403, { detail: 'x', code: 'token_not_valid' }))).toBe(true);
    expect(
      await strategy.isAuthFailure(
        response(403, { detail: 'You do not have permission to perform this action.' }),
      ),
    ).toBe(false);
    expect(await strategy.isAuthFailure(response(404, {}))).toBe(false);
  });

  it('login without a password is TokenExpiredError naming EVRIM_PASSWORD', async () => {
    await expect(
      strategy.login({ signal: new AbortController().signal, clock: { now: () => 0 } }),
    ).rejects.toMatchObject({
      code: 'TOKENWISE_TOKEN_EXPIRED',
      message: expect.stringContaining('EVRIM_PASSWORD'),
    });
  });
});
