import { randomBytes, randomUUID } from 'node:crypto';
import { describeStoreConformance } from '@tokenwise/auth-core/testing';
import { RedisStore } from '../src/index.js';
import { useRedis } from './helpers/use-redis.js';

const redis = useRedis();

// A fresh prefix per store is a fresh, empty store on the one server.
describeStoreConformance(
  'RedisStore',
  () => new RedisStore({ url: redis.url, prefix: `conf:${randomUUID()}:` }),
  (store) => (store as RedisStore).close(),
);

describeStoreConformance(
  'RedisStore with encryption',
  () => new RedisStore({ url: redis.url, prefix: `conf:${randomUUID()}:`, encryptionKey: randomBytes(32) }),
  (store) => (store as RedisStore).close(),
);
