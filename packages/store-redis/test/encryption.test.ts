import { randomBytes, randomUUID } from 'node:crypto';
import { ConfigurationError, StoreError } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { useRedis } from './helpers/use-redis.js';

const redis = useRedis();

const session = {
  schemaVersion: 1,
  session: { vendor: 'reference', account: 'a@example.com', accessToken: 'access-token-canary' },
};

describe('RedisStore encryption at rest', () => {
  it('stores values that neither contain the token nor parse, with a fresh IV each time', async () => {
    const prefix = `e:${randomUUID()}:`;
    const key = randomBytes(32);
    await using store = new RedisStore({ url: redis.url, prefix, encryptionKey: key });
    await store.set('reference:a@example.com', session);
    const first = (await redis.raw.get(`${prefix}value:reference:a@example.com`)) ?? '';
    await store.set('reference:a@example.com', session);
    const second = (await redis.raw.get(`${prefix}value:reference:a@example.com`)) ?? '';
    for (const stored of [first, second]) {
      expect(stored).not.toContain('access-token-canary');
      expect(stored).not.toContain('a@example.com');
      expect(Buffer.from(stored.split(':').pop() ?? '', 'base64').toString('latin1')).not.toContain('canary');
      expect(() => JSON.parse(stored)).toThrow();
    }
    expect(first).not.toBe(second);
    expect(await store.get('reference:a@example.com')).toEqual(session);
  });

  it('accepts the key as a Buffer, hex or base64, all meaning the same key', async () => {
    const prefix = `e:${randomUUID()}:`;
    const key = randomBytes(32);
    await using writer = new RedisStore({ url: redis.url, prefix, encryptionKey: key });
    await writer.set('k', session);
    for (const encryptionKey of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
      await using reader = new RedisStore({ url: redis.url, prefix, encryptionKey });
      expect(await reader.get('k')).toEqual(session);
    }
  });

  it('fails with StoreError, and nothing secret, under a wrong key, without a key, or on tampering', async () => {
    const prefix = `e:${randomUUID()}:`;
    const key = randomBytes(32);
    await using writer = new RedisStore({ url: redis.url, prefix, encryptionKey: key });
    await using wrongKey = new RedisStore({ url: redis.url, prefix, encryptionKey: randomBytes(32) });
    await using noKey = new RedisStore({ url: redis.url, prefix });
    await writer.set('k', session);
    const errors = [
      await wrongKey.get('k').catch((e: unknown) => e),
      await noKey.get('k').catch((e: unknown) => e),
    ];
    // A value moved onto another account's key does not decrypt: the key is authenticated data.
    await redis.raw.copy(`${prefix}value:k`, `${prefix}value:other`);
    errors.push(await writer.get('other').catch((e: unknown) => e));
    await noKey.set('plain', session);
    errors.push(await writer.get('plain').catch((e: unknown) => e));
    for (const error of errors) {
      expect(error).toBeInstanceOf(StoreError);
      const shown = `${String(error)} ${JSON.stringify(error)}`;
      expect(shown).not.toContain('canary');
      expect(shown).not.toContain(key.toString('hex'));
      expect(shown).not.toContain(key.toString('base64'));
    }
    expect(String(errors[0])).toMatch(/wrong encryptionKey/);
    expect(String(errors[1])).toMatch(/encrypted; pass the store its encryptionKey/);
  });

  it('rejects keys that are not 32 bytes with ConfigurationError, without echoing them', () => {
    for (const encryptionKey of [
      randomBytes(16),
      'short-secret-canary',
      randomBytes(32).toString('hex').slice(2),
    ]) {
      const create = () => new RedisStore({ url: redis.url, encryptionKey });
      expect(create).toThrow(ConfigurationError);
      expect(create).toThrow(/encryptionKey/);
      expect(create).not.toThrow(/canary/);
    }
  });
});
