import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError, Secret } from '../src/index.js';
import { createWorld, rejectionOf } from './world.js';

describe('secrets stay out of sight', () => {
  it('inspect, JSON and sessionInfo of a client show no password or token', async () => {
    const w = createWorld();
    const client = await w.create({ password: new Secret('demo-password') });
    const session = client.manager.peek();
    const rendered = [
      inspect(client, { depth: 6 }),
      JSON.stringify(client.sessionInfo()),
      JSON.stringify(client.manager.stats),
    ].join('\n');
    for (const secret of ['demo-password', session?.accessToken, session?.refreshToken]) {
      expect(secret).toBeTruthy();
      expect(rendered).not.toContain(secret);
    }
  });

  it('errors from token endpoints never echo what was sent', async () => {
    const w = createWorld();
    const { access, refresh } = await w.login();
    w.cloud.revokeRefreshTokens();
    w.clock.advance(600_000);
    const errors = [
      await rejectionOf(w.create({ password: 'canary-password-123' })),
      await rejectionOf(w.fromToken({ token: access, refresh })),
    ];
    for (const error of errors) {
      expect(isTokenwiseError(error)).toBe(true);
      const text = [String(error), JSON.stringify(error), inspect(error, { depth: 6 })].join('\n');
      for (const secret of ['canary-password-123', access, refresh]) expect(text).not.toContain(secret);
    }
    expect(isTokenwiseError(errors[1], ErrorCodes.TokenExpiredError)).toBe(true);
  });

  it('a 403 whose detail or page echoes the password or token carries neither (nor a piece) in the message', async () => {
    const w = createWorld();
    // The mock's account; the echo must not even keep a 6-character piece of it.
    const password = 'demo-password';
    let page: (token: string) => Response = () => new Response(null, { status: 500 });
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/reports/')) {
        const token = new Headers(init?.headers).get('authorization')?.slice('Bearer '.length) ?? '';
        return page(token);
      }
      return w.fetch(input, init);
    };
    const client = await w.create({ password, fetch });
    const detail = (token: string) =>
      `Request blocked by policy: pw=${password.slice(0, 12)}… jwt=${token.slice(0, 24)}`;
    page = (token) => Response.json({ detail: detail(token) }, { status: 403 });
    const fromJson = await rejectionOf(client.reports());
    page = (token) =>
      new Response(`<html><body><h1>403 Forbidden</h1><pre>pw=${password} ${token}</pre></body></html>`, {
        status: 403,
        headers: { 'content-type': 'text/html' },
      });
    const fromHtml = await rejectionOf(client.reports());
    const token = client.manager.peek()?.accessToken ?? '';
    expect(token.length).toBeGreaterThan(24);
    expect(fromJson).toMatchObject({ code: ErrorCodes.ApiError, status: 403 });
    expect((fromJson as Error).message).toContain('Request blocked by policy: pw=[REDACTED]… jwt=[REDACTED]');
    expect(fromHtml).toMatchObject({ code: ErrorCodes.ApiError, status: 403 });
    for (const error of [fromJson, fromHtml]) {
      const text = [String(error), JSON.stringify(error), inspect(error, { depth: 6 })].join('\n');
      expect(text).not.toContain(password.slice(0, 6));
      expect(text).not.toContain(token.slice(0, 6));
      expect(text).not.toContain('<html>');
    }
    await client.close();
  });
});
