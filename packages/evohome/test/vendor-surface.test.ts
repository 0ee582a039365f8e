import { describe, expect, it } from 'vitest';
import {
  ApiError,
  EvohomeClient,
  EvohomeV2Client,
  MemoryStore,
  NotFoundError,
  RateLimitError,
} from '../src/index.js';
import { createCloud, demoOptions } from './harness.js';

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('the uniform vendor surface', () => {
  it('request() makes authorized calls the SDK does not wrap, on both APIs', async () => {
    const world = createCloud();
    const store = new MemoryStore();
    const v1 = new EvohomeClient(demoOptions(world, store));
    const v2 = new EvohomeV2Client(demoOptions(world, store));
    expect(v1.baseUrl).toBe('https://tccna.resideo.com');
    expect(v2.manager.strategy.account).toBe('v2:demo@example.com');

    const account = await v1.request('accountInfo');
    expect(account.status).toBe(200);
    expect(((await account.json()) as { username: string }).username).toBe('demo@example.com');
    world.clock.advance(11_000);
    const user = await v2.request('userAccount');
    expect(((await user.json()) as { userId: string }).userId).toBe('2263181');
    expect(world.cloud.counts.v1Logins).toBe(1);
    expect(world.cloud.counts.v2Logins).toBe(1);

    // A revoked token is renewed once (by refresh grant) and the call replayed, past the fresh-login window.
    world.clock.advance(11_000);
    world.cloud.revokeAccessTokens();
    expect((await v2.request('userAccount')).status).toBe(200);
    expect(world.cloud.counts.refreshes).toBe(1);
    expect(world.cloud.counts.v2Logins).toBe(1);
    await expect(v1.request('noSuchRoute')).rejects.toThrow(NotFoundError);
    await Promise.all([v1.close(), v2.close()]);
  });

  it('login spacing lives in the manager’s throttle record shared by V1 and V2, not a key of its own', async () => {
    const world = createCloud();
    const store = new MemoryStore();
    const v1 = new EvohomeClient(demoOptions(world, store));
    await v1.temperatures();
    const keys = await store.keys();
    expect(keys.filter((key) => key.startsWith('login-spacing:'))).toEqual([]);
    const record = (await store.get('throttle:evohome:demo@example.com')) as { lastLoginAt?: number };
    expect(record.lastLoginAt).toBe(world.clock.now());

    // A second instance of the other API sharing the store is held back locally.
    world.clock.advance(4_000);
    const v2 = new EvohomeV2Client({ ...demoOptions(world, store), username: 'DEMO@example.com' });
    const early = await failureOf(v2.userAccount());
    expect(early).toBeInstanceOf(RateLimitError);
    expect((early as RateLimitError).retryAfterMs).toBe(6_000);
    expect(world.cloud.counts.rateLimited).toBe(0);
    await Promise.all([v1.close(), v2.close()]);
  });

  it('maxBackOffMs is forwarded to the session manager and bounds a login lock-out', async () => {
    const world = createCloud();
    const client = new EvohomeV2Client({ ...demoOptions(world), maxBackOffMs: 120_000 });
    world.cloud.rateLimitNextLogin();
    const error = await failureOf(client.userAccount());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(client.manager.rateLimitedForMs).toBe(120_000);
    await client.close();
  });

  it('a session already in the store wins over userData handed in', async () => {
    const world = createCloud();
    const store = new MemoryStore();
    const seed = new EvohomeClient(demoOptions(world, store));
    await seed.temperatures();
    const stored = seed.userData;
    const stale = { sessionId: 'STALE-SESSION', userInfo: { userID: 2263181 } };
    const client = new EvohomeClient({ ...demoOptions(world, store), userData: stale });
    await client.temperatures();
    expect(client.userData?.sessionId).toBe(stored?.sessionId);
    expect(world.cloud.counts.logins).toBe(1);
    expect(world.cloud.counts.rejectedRequests).toBe(0);
    await Promise.all([seed.close(), client.close()]);
  });

  it('the simulator takes the mock base controls: faults by renewal kind, counted under the base names', async () => {
    const world = createCloud();
    expect(world.cloud.renewsBy).toBe('refresh');
    const v2 = new EvohomeV2Client(demoOptions(world));
    world.cloud.failNextLogin(503);
    expect(await failureOf(v2.userAccount())).toBeInstanceOf(ApiError);
    expect(world.cloud.counts.failedLogins).toBe(1);
    // The failed attempt counted against the login spacing: the retry waits out the interval.
    world.clock.advance(10_000);
    await v2.userAccount();
    world.clock.advance(31 * 60_000);
    world.cloud.failNextRenewal(502);
    expect(await failureOf(v2.userAccount())).toBeInstanceOf(ApiError);
    expect(world.cloud.counts.failedRefreshes).toBe(1);
    await v2.userAccount();
    expect(world.cloud.counts).toMatchObject({ v2Logins: 1, logins: 1, refreshes: 1, rateLimited: 0 });
    await v2.close();

    const v1World = createCloud({ renewsBy: 'login' });
    const v1 = new EvohomeClient(demoOptions(v1World));
    v1World.cloud.failNextRenewal(503);
    expect(await failureOf(v1.temperatures())).toBeInstanceOf(ApiError);
    expect(v1World.cloud.counts.failedLogins).toBe(1);
    await v1.close();
  });
});
