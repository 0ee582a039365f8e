import type { StoreSetOptions, TokenStore } from '@tokenwise/auth-core';

/**
 * Passes everything through to `inner`, except that an Evrim session is kept
 * for as long as its *refresh* token lives. The session manager hands stores
 * the access token's expiry (5 min); a store that honours expiry (Redis)
 * would then drop a session whose 1-day refresh token still works, and the
 * next process would have to log in with the password.
 */
export class RefreshLifetimeStore implements TokenStore {
  /** The store the user gave. */
  readonly inner: TokenStore;

  /** @param inner the store to wrap. */
  constructor(inner: TokenStore) {
    this.inner = inner;
  }

  /** {@inheritDoc TokenStore.get} */
  get(key: string): Promise<unknown> {
    return this.inner.get(key);
  }

  /** {@inheritDoc TokenStore.set} */
  set(key: string, value: unknown, options?: StoreSetOptions): Promise<void> {
    const session = (value as { session?: { refreshToken?: unknown; refreshExpiresAt?: unknown } } | null)
      ?.session;
    if (typeof session?.refreshToken !== 'string') return this.inner.set(key, value, options);
    const until = session.refreshExpiresAt;
    return this.inner.set(key, value, typeof until === 'number' ? { expiresAt: until } : {});
  }

  /** {@inheritDoc TokenStore.delete} */
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  /** {@inheritDoc TokenStore.withLock} */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.inner.withLock(key, fn);
  }
}
