import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.js';

/** The test file's Redis: the server, and a plain client to look at raw keys with. */
export interface TestRedis {
  readonly server: RedisServer;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly raw: Redis;
}

/** Starts a redis-server for the calling test file (beforeAll) and stops it afterwards (afterAll). */
export function useRedis(): TestRedis {
  let server: RedisServer | undefined;
  let raw: Redis | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
    raw = new Redis(server.url);
  });
  afterAll(async () => {
    raw?.disconnect();
    await server?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useRedis() values are ready inside tests and hooks only');
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get url() {
      return ready(server).url;
    },
    get raw() {
      return ready(raw);
    },
  };
}
