import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreError } from '@tokenwise/auth-core/vendor';
import type { Redis } from 'ioredis';
import type { LockScripts } from './lock-scripts.js';
import { storeErrorFrom } from './redis-errors.js';

/** What {@link RedisLock} needs to know about its store. */
export interface RedisLockOptions {
  client: Redis;
  scripts: LockScripts;
  ttlMs: number;
  waitMs: number;
  /** Safe description of the Redis, for messages. */
  target: string;
  /** Called when a holder finds its lock gone or taken (it ran longer than the TTL while Redis was unreachable). */
  onLost: (key: string) => void;
}

// First retry after ~10 ms (a renewal is usually one HTTP round trip), doubling
// to a 250 ms ceiling so a long wait costs Redis a few commands per second.
const FIRST_RETRY_MS = 10;
const MAX_RETRY_MS = 250;

/**
 * A Redis lock held by one owner across every process and host: `SET key
 * token NX PX ttl` to take it, owner-checked Lua to extend and release it.
 * While the holder's function runs, the lock is extended every third of its
 * TTL, so a slow login keeps it but a killed holder loses it within one TTL.
 */
export class RedisLock {
  readonly #options: RedisLockOptions;

  constructor(options: RedisLockOptions) {
    this.#options = options;
  }

  /** Runs `fn` holding `lockKey`; `name` is the store key, for messages. */
  async run<T>(lockKey: string, name: string, fn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    await this.#acquire(lockKey, name, token);
    const stopExtending = this.#keepExtending(lockKey, name, token);
    try {
      return await fn();
    } finally {
      stopExtending();
      // A release that fails (Redis just went down) is harmless: the lock expires after its TTL.
      await this.#options.scripts.release(lockKey, token).catch(() => false);
    }
  }

  async #acquire(lockKey: string, name: string, token: string): Promise<void> {
    const { client, ttlMs, waitMs, target } = this.#options;
    const deadline = Date.now() + waitMs;
    let delay = FIRST_RETRY_MS;
    for (;;) {
      let reply: string | null;
      try {
        reply = await client.set(lockKey, token, 'PX', ttlMs, 'NX');
      } catch (error) {
        throw storeErrorFrom(error, `locking ${name}`, target);
      }
      if (reply === 'OK') return;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new StoreError(
          `Timed out after ${waitMs} ms waiting for the Redis lock of ${name} held by another process`,
        );
      }
      // Full jitter: waiters that all saw the same release do not retry in lockstep.
      await sleep(Math.min(left, delay / 2 + Math.random() * (delay / 2)));
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  #keepExtending(lockKey: string, name: string, token: string): () => void {
    const { scripts, ttlMs, onLost } = this.#options;
    let lost = false;
    const timer = setInterval(
      () => {
        scripts.extend(lockKey, token, ttlMs).then(
          (extended) => {
            if (!extended && !lost) {
              lost = true;
              onLost(name);
            }
          },
          // Redis unreachable for a moment: the next tick tries again while the TTL still runs.
          () => undefined,
        );
      },
      Math.max(1, Math.floor(ttlMs / 3)),
    );
    // The holder's own work keeps the process alive, never this timer.
    timer.unref();
    return () => clearInterval(timer);
  }
}
