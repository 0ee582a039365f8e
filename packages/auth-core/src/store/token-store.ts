/** Options of {@link TokenStore.set}. */
export interface StoreSetOptions {
  /**
   * When the value stops being useful, epoch ms. Stores that support expiry
   * (Redis) keep the value a little past this; others may ignore it.
   */
  expiresAt?: number | undefined;
}

/**
 * Where sessions live between calls, processes and hosts. Keys are
 * `vendor:account` (plus internal keys such as `throttle:...`); values are
 * JSON-serialisable. `withLock` must exclude every other holder of the same
 * key that shares the store — in this process and, for shared stores, in
 * other processes or hosts.
 */
export interface TokenStore {
  /** The value stored under `key`, or `undefined` when there is none. */
  get(key: string): Promise<unknown>;
  /** Stores `value` under `key`, replacing what was there; `options.expiresAt` may bound how long it is kept. */
  set(key: string, value: unknown, options?: StoreSetOptions): Promise<void>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Runs `fn` while holding the lock of `key`, against every other holder
   * sharing the store, and releases it when `fn` settles (its result or
   * error is passed on).
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}
