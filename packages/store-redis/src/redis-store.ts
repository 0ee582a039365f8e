import {
  Emitter,
  KeyMutex,
  StoreError,
  type StoreSetOptions,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import type { Redis } from 'ioredis';
import { createRedisClient, describeClient, describeRedisUrl } from './connection.js';
import { lockScripts } from './lock-scripts.js';
import { type RedisStoreOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { reasonOf, storeErrorFrom } from './redis-errors.js';
import { RedisLock } from './redis-lock.js';
import type { RedisStoreEvents } from './store-events.js';
import { ValueCipher } from './value-cipher.js';
import { ValueCodec } from './value-codec.js';

// Values and locks live in separate namespaces so no store key can ever name another key's lock.
const VALUE_NS = 'value:';
const LOCK_NS = 'lock:';
// Redis rejects PX 0; a value stored already past its margin still lives this long.
const MIN_TTL_MS = 1_000;

/**
 * A `TokenStore` on Redis, for several processes, containers or hosts that
 * share vendor accounts: one login per session lifetime across the fleet.
 *
 * Values are JSON strings (optionally AES-256-GCM encrypted) under
 * `<prefix>value:<key>`, kept until `expiresAt` plus `ttlMarginMs`. `withLock`
 * serialises holders in this process first (so a burst never fights itself),
 * then across the fleet with `<prefix>lock:<key>` (`SET NX PX`, extended
 * while the holder works, released only by its owner).
 *
 * Every Redis failure is a `StoreError`; the session manager keeps serving a
 * still-valid in-memory session through them, and its hot path never calls
 * Redis at all.
 */
export class RedisStore implements TokenStore, AsyncDisposable {
  /** The Redis key prefix in use. */
  readonly prefix: string;
  readonly #client: Redis;
  readonly #ownsClient: boolean;
  readonly #target: string;
  readonly #options: ResolvedOptions;
  readonly #codec: ValueCodec;
  readonly #lock: RedisLock;
  readonly #mutex = new KeyMutex();
  readonly #events = new Emitter<RedisStoreEvents>();
  #closing: Promise<void> | undefined;

  constructor(options: RedisStoreOptions) {
    this.#options = resolveOptions(options);
    this.prefix = this.#options.prefix;
    this.#codec = new ValueCodec(
      options.encryptionKey === undefined ? undefined : new ValueCipher(options.encryptionKey),
    );
    if (options.url !== undefined) {
      this.#target = describeRedisUrl(options.url);
      this.#client = createRedisClient(options.url, this.#options.commandTimeoutMs);
      this.#ownsClient = true;
      // Without a listener ioredis prints every failed reconnect to the console.
      this.#client.on('error', (error: unknown) => {
        this.#events.emit('connection-error', { target: this.#target, reason: reasonOf(error) });
      });
    } else {
      this.#client = options.client;
      this.#target = describeClient(options.client);
      this.#ownsClient = false;
    }
    this.#lock = new RedisLock({
      client: this.#client,
      scripts: lockScripts(this.#client),
      ttlMs: this.#options.lockTtlMs,
      waitMs: this.#options.lockWaitMs,
      target: this.#target,
      onLost: (key) => this.#events.emit('lock-lost', { key }),
    });
  }

  /** Subscribes to store events (`lock-lost`, `connection-error`). Returns an unsubscribe function. */
  on<K extends keyof RedisStoreEvents>(type: K, listener: (event: RedisStoreEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** The stored value of `key`, or `undefined`. Throws `StoreError` when Redis fails or the value is unreadable. */
  async get(key: string): Promise<unknown> {
    this.#assertOpen();
    let stored: string | null;
    try {
      stored = await this.#client.get(this.#valueKey(key));
    } catch (error) {
      throw storeErrorFrom(error, `reading ${key}`, this.#target);
    }
    return stored === null ? undefined : this.#codec.decode(key, stored);
  }

  /** Stores `value`; with `expiresAt`, Redis drops it `ttlMarginMs` after that, otherwise never. */
  async set(key: string, value: unknown, options?: StoreSetOptions): Promise<void> {
    this.#assertOpen();
    const encoded = this.#codec.encode(key, value);
    const expiresAt = options?.expiresAt;
    try {
      if (expiresAt === undefined) {
        await this.#client.set(this.#valueKey(key), encoded);
      } else {
        const ttl = Math.max(MIN_TTL_MS, Math.ceil(expiresAt + this.#options.ttlMarginMs - Date.now()));
        await this.#client.set(this.#valueKey(key), encoded, 'PX', ttl);
      }
    } catch (error) {
      throw storeErrorFrom(error, `writing ${key}`, this.#target);
    }
  }

  /** Deletes `key`; deleting a missing key is fine. */
  async delete(key: string): Promise<void> {
    this.#assertOpen();
    try {
      await this.#client.del(this.#valueKey(key));
    } catch (error) {
      throw storeErrorFrom(error, `deleting ${key}`, this.#target);
    }
  }

  /**
   * Runs `fn` while holding `key`'s lock in this process and across every
   * process and host on this Redis and prefix. Throws `StoreError` when Redis
   * is unreachable or the lock is not free within `lockWaitMs`.
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.#mutex.run(key, () => {
      this.#assertOpen();
      return this.#lock.run(this.#lockKey(key), key, fn);
    });
  }

  /**
   * Quits the client if this store created it (from `url`); a client passed
   * in is left open for its owner. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#ownsClient ? quit(this.#client) : Promise.resolve();
    return this.#closing;
  }

  /** Same as `close()`, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #valueKey(key: string): string {
    return `${this.prefix}${VALUE_NS}${key}`;
  }

  #lockKey(key: string): string {
    return `${this.prefix}${LOCK_NS}${key}`;
  }

  #assertOpen(): void {
    if (this.#closing) throw new StoreError(`This RedisStore (${this.#target}) is closed`);
  }
}

async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Fall through: the connection broke mid-quit.
    }
  }
  // Not connected (never used, or reconnecting to a dead Redis): QUIT would wait; just stop.
  client.disconnect(false);
}
