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
});
