import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreError } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { useRedis } from './helpers/use-redis.js';

const redis = useRedis();

describe('RedisStore.withLock across stores (as across hosts)', () => {
  it('lets one holder at a time in, whichever store or client it comes through', async () => {
    const prefix = `l:${randomUUID()}:`;
    const stores = Array.from({ length: 4 }, () => new RedisStore({ url: redis.url, prefix }));
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      stores.flatMap((store) =>
        Array.from({ length: 5 }, () =>
          store.withLock('vendor:account', async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await sleep(3);
            inside--;
          }),
        ),
      ),
    );
    expect(maxInside).toBe(1);
    expect(await redis.raw.exists(`${prefix}lock:vendor:account`)).toBe(0);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('extends the lock while a slow holder works, and a waiter times out with StoreError', async () => {
    const prefix = `l:${randomUUID()}:`;
    await using holder = new RedisStore({ url: redis.url, prefix, lockTtlMs: 500 });
    await using waiter = new RedisStore({ url: redis.url, prefix, lockWaitMs: 300 });
    let lost = false;
    holder.on('lock-lost', () => {
      lost = true;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slow = holder.withLock('k', async () => {
      entered();
      // Three lock TTLs: without extension the lock would have expired twice over.
      await sleep(1_500);
      return 'done';
    });
    await inside;
    await sleep(1_000);
    expect(await redis.raw.pttl(`${prefix}lock:k`)).toBeGreaterThan(0);
    const error = await waiter.withLock('k', async () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/Timed out after 300 ms waiting for the Redis lock of k/);
    expect(await slow).toBe('done');
    expect(lost).toBe(false);
    expect(await waiter.withLock('k', async () => 'next')).toBe('next');
  });

  it("never releases or extends another owner's lock, and reports its own as lost", async () => {
    const prefix = `l:${randomUUID()}:`;
    await using holder = new RedisStore({ url: redis.url, prefix, lockTtlMs: 600 });
    const lostKeys: string[] = [];
    const lost = new Promise<void>((resolve) =>
      holder.on('lock-lost', (event) => {
        lostKeys.push(event.key);
        resolve();
      }),
    );
    await holder.withLock('k', async () => {
      // As if this holder stalled past its TTL and another process took the lock;
      // its next extension finds the other owner's token and leaves it alone.
      await redis.raw.set(`${prefix}lock:k`, 'other-owner', 'PX', 60_000);
      await lost;
    });
    expect(await redis.raw.get(`${prefix}lock:k`)).toBe('other-owner');
    expect(await redis.raw.pttl(`${prefix}lock:k`)).toBeGreaterThan(59_000);
    expect(lostKeys).toEqual(['k']);
  });

  it('releases the Redis lock when the holder throws', async () => {
    const prefix = `l:${randomUUID()}:`;
    await using store = new RedisStore({ url: redis.url, prefix });
    await expect(
      store.withLock('k', async () => {
        throw new Error('holder failed');
      }),
    ).rejects.toThrow('holder failed');
    expect(await redis.raw.exists(`${prefix}lock:k`)).toBe(0);
  });
});
