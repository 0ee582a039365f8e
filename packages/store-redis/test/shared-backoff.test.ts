import { randomUUID } from 'node:crypto';
import { handlerFetch, ReferenceClient, ReferenceCloud } from '@tokenwise/auth-core/testing';
import { RateLimitError } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { useRedis } from './helpers/use-redis.js';

const redis = useRedis();

describe('RedisStore shares login back-offs', () => {
  it('a 429 seen by one host stops every host from logging in until it passes', async () => {
    const cloud = new ReferenceCloud();
    const fetch = handlerFetch(cloud.handler);
    const prefix = `backoff:${randomUUID()}:`;
    const stores = [new RedisStore({ url: redis.url, prefix }), new RedisStore({ url: redis.url, prefix })];
    const [first, second] = stores.map(
      (store) =>
        new ReferenceClient({
          baseUrl: 'https://reference.test',
          username: 'demo@example.com',
          password: 'demo-password',
          store,
          fetch,
        }),
    );
    cloud.rateLimitNextLogin(120_000);
    await expect(first!.items()).rejects.toBeInstanceOf(RateLimitError);
    const refused = await second!.items().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect((refused as RateLimitError).fromStore).toBe(true);
    expect(cloud.counts.rateLimited).toBe(1);
    expect(cloud.counts.logins).toBe(0);
    // The back-off record expires from Redis on its own, a margin after it ends.
    expect(await redis.raw.pttl(`${prefix}value:throttle:reference:demo@example.com`)).toBeGreaterThan(
      120_000,
    );
    await Promise.all(stores.map((store) => store.close()));
  });
});
