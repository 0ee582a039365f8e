import { handlerFetch } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { ApiError, EvohomeV2Client, RateLimitError } from '../src/index.js';
import { createCloud, demoOptions } from './harness.js';

const TOKEN_LIFETIME = 1800 * 1000;

/** Answers the next refresh grant with `status` and `body` (the password grant is left alone). */
function withRefreshFailure(status: number, body: unknown) {
  const world = createCloud();
  let armed = false;
  const fetch = handlerFetch(async (request) => {
    if (armed && new URL(request.url).pathname === '/Auth/OAuth/Token') {
      const form = new URLSearchParams(await request.clone().text());
      if (form.get('grant_type') === 'refresh_token') {
        armed = false;
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    return world.cloud.handler(request);
  });
  return { ...world, fetch, arm: () => (armed = true) };
}

describe('V2 renewal: refresh first, the password only when the refresh is rejected', () => {
  it('renews by refresh grant for a day without a second login, keeping the newest refresh token', async () => {
    const world = createCloud();
    const client = new EvohomeV2Client(demoOptions(world));
    for (let hour = 0; hour < 24; hour++) {
      await client.userAccount();
      world.clock.advance(TOKEN_LIFETIME);
    }
    expect(world.cloud.counts.logins).toBe(1);
    expect(world.cloud.counts.refreshes).toBe(23);
  });

  it.each([
    [503, 'The service is unavailable.', ApiError],
    [500, { message: 'An error has occurred.' }, ApiError],
  ])('a %s on refresh surfaces without spending a password login', async (status, body, type) => {
    const world = withRefreshFailure(status, body);
    const client = new EvohomeV2Client(demoOptions(world));
    await client.userAccount();
    world.clock.advance(TOKEN_LIFETIME);
    world.arm();
    await expect(client.userAccount()).rejects.toBeInstanceOf(type);
    expect(world.cloud.counts.logins).toBe(1);
    await client.userAccount();
    expect(world.cloud.counts.logins).toBe(1);
    expect(world.cloud.counts.refreshes).toBe(1);
  });

  it('a 429 on refresh backs off for the lock-out, then refreshes without a password login', async () => {
    const world = withRefreshFailure(429, { error: 'attempt_limit_exceeded' });
    const client = new EvohomeV2Client(demoOptions(world));
    await client.userAccount();
    world.clock.advance(TOKEN_LIFETIME);
    world.arm();
    await expect(client.userAccount()).rejects.toBeInstanceOf(RateLimitError);
    // The token endpoint is locked for everyone sharing the account: no request until it passes.
    const requests = world.cloud.counts.requests;
    await expect(client.userAccount()).rejects.toMatchObject({ fromStore: true });
    expect(world.cloud.counts.requests).toBe(requests);
    world.clock.advance(10 * 60_000 + 1_000);
    await client.userAccount();
    expect(world.cloud.counts.logins).toBe(1);
    expect(world.cloud.counts.refreshes).toBe(1);
  });

  it.each([
    [400, { error: 'invalid_grant' }],
    [400, { error: 'invalid_request' }],
    [200, { error: 'invalid_grant' }],
  ])('a %s %j on refresh falls back to one password login', async (status, body) => {
    const world = withRefreshFailure(status, body);
    const client = new EvohomeV2Client(demoOptions(world));
    await client.userAccount();
    world.clock.advance(TOKEN_LIFETIME);
    world.arm();
    await client.userAccount();
    expect(world.cloud.counts.logins).toBe(2);
    expect(world.cloud.counts.rateLimited).toBe(0);
  });
});
