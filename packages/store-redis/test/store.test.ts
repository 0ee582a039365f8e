import { randomUUID } from 'node:crypto';
import { ConfigurationError, StoreError } from '@tokenwise/auth-core/vendor';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { useRedis } from './helpers/use-redis.js';

const redis = useRedis();

const DAY = 86_400_000;

describe('RedisStore values', () => {
  it('stores under <prefix>value:<key> with a TTL of expiresAt plus the margin', async () => {
    const prefix = `t:${randomUUID()}:`;
    await using store = new RedisStore({ url: redis.url, prefix, ttlMarginMs: 60_000 });
    await store.set('vesync:a@example.com', { v: 1 }, { expiresAt: Date.now() + 3_600_000 });
    const ttl = await redis.raw.pttl(`${prefix}value:vesync:a@example.com`);
    expect(ttl).toBeGreaterThan(3_600_000 + 60_000 - 5_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000 + 60_000);
  });

  it('keeps a value 30 days past its expiry by default, so the refresh token stays usable', async () => {
    const prefix = `t:${randomUUID()}:`;
    await using store = new RedisStore({ url: redis.url, prefix });
    await store.set('k', { v: 1 }, { expiresAt: Date.now() - 1_000 });
    const ttl = await redis.raw.pttl(`${prefix}value:k`);
    expect(ttl).toBeGreaterThan(30 * DAY - 10_000);
  });

  it('sets no TTL without expiresAt, and an overwrite without expiresAt removes the old one', async () => {
    const prefix = `t:${randomUUID()}:`;
    await using store = new RedisStore({ url: redis.url, prefix });
    await store.set('k', { v: 1 }, { expiresAt: Date.now() + 1_000 });
    await store.set('k', { v: 2 });
    expect(await redis.raw.pttl(`${prefix}value:k`)).toBe(-1);
  });

  it('gives a value already past its margin a short TTL instead of failing', async () => {
    const prefix = `t:${randomUUID()}:`;
    await using store = new RedisStore({ url: redis.url, prefix, ttlMarginMs: 0 });
    await store.set('k', { v: 1 }, { expiresAt: Date.now() - 60_000 });
    expect(await redis.raw.pttl(`${prefix}value:k`)).toBeGreaterThan(0);
  });

  it('keeps prefixes apart', async () => {
    await using a = new RedisStore({ url: redis.url, prefix: `a:${randomUUID()}:` });
    await using b = new RedisStore({ url: redis.url, prefix: `b:${randomUUID()}:` });
    await a.set('k', { from: 'a' });
    expect(await b.get('k')).toBeUndefined();
  });

  it('rejects values that are not JSON with StoreError', async () => {
    await using store = new RedisStore({ url: redis.url, prefix: `t:${randomUUID()}:` });
    await expect(store.set('k', undefined)).rejects.toBeInstanceOf(StoreError);
    await expect(store.set('k', 10n)).rejects.toBeInstanceOf(StoreError);
  });

  it('reports a stored value that is not JSON as StoreError', async () => {
    const prefix = `t:${randomUUID()}:`;
    await using store = new RedisStore({ url: redis.url, prefix });
    await redis.raw.set(`${prefix}value:k`, 'not json');
    await expect(store.get('k')).rejects.toThrow(/not valid JSON/);
  });
});

describe('RedisStore clients', () => {
  it('works on a client passed in and leaves it open on close()', async () => {
    const client = new Redis(redis.url);
    const store = new RedisStore({ client, prefix: `t:${randomUUID()}:` });
    await store.set('k', { v: 1 });
    await store.close();
    expect(client.status).toBe('ready');
    expect(await client.ping()).toBe('PONG');
    await expect(store.get('k')).rejects.toThrow(/closed/);
    // A second store on the same client reuses the already defined Lua commands.
    const again = new RedisStore({ client, prefix: `t:${randomUUID()}:` });
    expect(await again.withLock('k', async () => 'ok')).toBe('ok');
    client.disconnect();
  });

  it('quits a client it created; close() is idempotent and also works before any I/O', async () => {
    const store = new RedisStore({ url: redis.url, prefix: `t:${randomUUID()}:` });
    await store.set('k', { v: 1 });
    await Promise.all([store.close(), store.close()]);
    await expect(store.set('k', { v: 2 })).rejects.toBeInstanceOf(StoreError);
    const idle = new RedisStore({ url: redis.url });
    await idle[Symbol.asyncDispose]();
  });
});

describe('RedisStore options', () => {
  it('needs exactly one of client or url', () => {
    expect(() => new RedisStore({} as never)).toThrow(ConfigurationError);
    expect(
      () => new RedisStore({ url: redis.url, client: new Redis({ lazyConnect: true }) } as never),
    ).toThrow(/exactly one/);
  });

  it('names the bad option and never echoes a URL password', () => {
    const attempts = [
      () => new RedisStore({ url: 'http://user:hunter2-canary@example.com' }),
      () => new RedisStore({ url: 'redis//:hunter2-canary@host' }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(ConfigurationError);
      expect(attempt).not.toThrow(/hunter2-canary/);
    }
    expect(() => new RedisStore({ url: redis.url, lockTtlMs: 10 })).toThrow(/lockTtlMs/);
    expect(() => new RedisStore({ url: redis.url, lockWaitMs: Number.NaN })).toThrow(/lockWaitMs/);
    expect(() => new RedisStore({ url: redis.url, ttlMarginMs: -1 })).toThrow(/ttlMarginMs/);
    expect(() => new RedisStore({ url: redis.url, commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
  });

  it('keeps the password out of errors when Redis is unreachable', async () => {
    const url = 'redis://default:hunter2-canary@127.0.0.1:1/2';
    await using store = new RedisStore({ url, prefix: `t:${randomUUID()}:` });
    const error = await store.get('k').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toContain('redis://127.0.0.1:1/2');
    expect(JSON.stringify(error)).not.toContain('hunter2-canary');
    expect(String(error)).not.toContain('hunter2-canary');
  });
});
