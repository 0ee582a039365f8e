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
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, options?: StoreSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}
