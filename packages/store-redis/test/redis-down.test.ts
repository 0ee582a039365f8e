import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeClock, handlerFetch, ReferenceClient, ReferenceCloud } from '@tokenwise/auth-core/testing';
import { StoreError } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { useRedis } from './helpers/use-redis.js';

const redis = useRedis();

const HOUR = 3_600_000;

/** Resolves what `promise` settles to, or the string 'hung' after 5 s: a down Redis must fail fast. */
function settled<T>(promise: Promise<T>): Promise<T | unknown> {
  return Promise.race([promise.catch((error: unknown) => error), sleep(5_000, 'hung')]);
}

describe('RedisStore when Redis goes down and comes back', () => {
  it('keeps every valid session in use while Redis is down, and recovers without losing it', async () => {
    // The manager's clock drives session expiry; starting it now keeps Redis TTLs (wall clock) meaningful.
    const clock = new FakeClock(Date.now());
    const cloud = new ReferenceCloud({ clock, accessTtlMs: HOUR });
    const fetch = handlerFetch(cloud.handler);
    const prefix = `down:${randomUUID()}:`;
    const stores: RedisStore[] = [];
    const client = () => {
      const store = new RedisStore({ url: redis.url, prefix, lockWaitMs: 2_000 });
      stores.push(store);
      return new ReferenceClient({
        baseUrl: 'https://reference.test',
        username: 'demo@example.com',
        password: 'demo-password',
        store,
        clock,
        fetch,
      });
    };
    // Three "hosts", each with its own connection.
    const hosts = [client(), client(), client()];
    for (const host of hosts) await host.items();
    expect(cloud.counts.logins).toBe(1);
    const storeErrors: string[] = [];
    hosts[0]?.manager.on('error', (event) => storeErrors.push(event.errorCode));

    await redis.server.shutdown();

    // The store itself fails fast and clearly...
    const down = await settled(stores[0]!.get('reference:demo@example.com'));
    expect(down).toBeInstanceOf(StoreError);
    expect(String(down)).toContain(`redis://127.0.0.1:${redis.server.port}`);
    const lockDown = await settled(stores[1]!.withLock('k', async () => 'never'));
    expect(lockDown).toBeInstanceOf(StoreError);
    // ...but no request fails for it while the in-memory session is valid: the hot path never touches Redis,
    for (const host of hosts) expect(await settled(host.items())).toHaveLength(2);
    // and an eager renewal that cannot lock falls back to the still-valid session.
    clock.advance(HOUR - 30_000);
    expect(await settled(hosts[0]!.items())).toHaveLength(2);
    expect(storeErrors).toContain('TOKENWISE_STORE');
    expect(cloud.counts.logins).toBe(1);
    expect(cloud.counts.refreshes).toBe(0);

    await redis.server.start();

    // The session stored before the restart is still there: a new host renews it with its
    // refresh token (it is inside the refresh margin by now) instead of logging in.
    const late = client();
    await late.items();
    expect(late.manager.stats).toMatchObject({ logins: 0, refreshes: 1 });
    // The old connections reconnect on their own (ioredis retries in the background).
    await expect
      .poll(() => stores[0]!.get('reference:demo@example.com').then(Boolean, () => false))
      .toBe(true);
    // Past the eager-retry pause, the others pick the refreshed session up from Redis.
    clock.advance(10_000);
    for (const host of [...hosts, late]) await host.items();
    expect(cloud.counts.logins).toBe(1);
    expect(cloud.counts.refreshes).toBe(1);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('fails fast when Redis was never reachable, and a host without a session gets StoreError', async () => {
    await using store = new RedisStore({ url: 'redis://127.0.0.1:1', lockWaitMs: 1_000 });
    const cloud = new ReferenceCloud();
    const host = new ReferenceClient({
      baseUrl: 'https://reference.test',
      username: 'demo@example.com',
      password: 'demo-password',
      store,
      fetch: handlerFetch(cloud.handler),
    });
    const error = await settled(host.items());
    expect(error).toBeInstanceOf(StoreError);
    // No lock, no login: logging in without the fleet lock could start a login storm.
    expect(cloud.counts.logins).toBe(0);
  });
});
