import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';

// Constructing a store does no I/O (lazyConnect), and every case below throws before a client exists.
const url = 'redis://127.0.0.1:1/0';

const messageOf = (create: () => unknown): string => {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
};

describe('RedisStore refuses bad options at construction, naming the option', () => {
  it.each([
    ['null', () => new RedisStore(null as never), 'RedisStore options must be an object, got null'],
    ['a string', () => new RedisStore(url as never), 'RedisStore options must be an object, got a string'],
    [
      'a misspelled option',
      () => new RedisStore({ url, lockTTLMs: 5_000 } as never),
      'RedisStore option `lockTTLMs` is not a known option (did you mean `lockTtlMs`?)',
    ],
    [
      'a misspelled url',
      () => new RedisStore({ uri: url } as never),
      'RedisStore option `uri` is not a known option (did you mean `url`?)',
    ],
    ['an empty url', () => new RedisStore({ url: '' }), 'RedisStore option `url` must be a non-empty string'],
    [
      'a client that is not one',
      () => new RedisStore({ client: 'redis' as never }),
      'RedisStore option `client` (an ioredis client) must have get(), set(), del()',
    ],
    [
      'a timer beyond what setTimeout holds',
      () => new RedisStore({ url, lockWaitMs: 2 ** 31 }),
      'RedisStore option `lockWaitMs` must be a number of milliseconds',
    ],
    [
      'commandTimeoutMs with a client',
      () => new RedisStore({ client: new Redis({ lazyConnect: true }), commandTimeoutMs: 5 } as never),
      'RedisStore option `commandTimeoutMs` applies only with `url`',
    ],
  ])('%s', (_case, create, message) => {
    expect(messageOf(create)).toContain(message);
  });

  it('still accepts every documented option', async () => {
    const store = new RedisStore({
      url,
      prefix: 'p:',
      lockTtlMs: 1_000,
      lockWaitMs: 0,
      ttlMarginMs: 90 * 86_400_000,
      commandTimeoutMs: 100,
      encryptionKey: Buffer.alloc(32, 1),
    });
    await store.close();
  });
});
