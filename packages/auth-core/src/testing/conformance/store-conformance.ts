import { describe, expect, it } from 'vitest';
import type { TokenStore } from '../../store/token-store.js';

/**
 * The `TokenStore` contract, runnable against any implementation
 * (unstorage-style shared driver tests). `create` returns a fresh, empty store.
 */
export function describeStoreConformance(
  name: string,
  create: () => Promise<TokenStore> | TokenStore,
  cleanup?: (store: TokenStore) => Promise<void> | void,
): void {
  describe(`TokenStore conformance: ${name}`, () => {
    const withStore = async (fn: (store: TokenStore) => Promise<void>) => {
      const store = await create();
      try {
        await fn(store);
      } finally {
        await cleanup?.(store);
      }
    };

    it('returns undefined for a missing key', () =>
      withStore(async (store) => {
        expect(await store.get('vendor:nobody')).toBeUndefined();
      }));

    it('round-trips JSON values and keeps keys apart', () =>
      withStore(async (store) => {
        const a = { schemaVersion: 1, session: { token: 'a', nested: { n: 1, list: [1, 'x', null] } } };
        await store.set('vesync:a@example.com', a);
        await store.set('evohome:a@example.com', { other: true });
        expect(await store.get('vesync:a@example.com')).toEqual(a);
        expect(await store.get('evohome:a@example.com')).toEqual({ other: true });
      }));

    it('does not share mutable state with the caller', () =>
      withStore(async (store) => {
        const value = { list: [1] };
        await store.set('k:1', value);
        value.list.push(2);
        const read = (await store.get('k:1')) as { list: number[] };
        expect(read.list).toEqual([1]);
      }));

    it('overwrites and deletes', () =>
      withStore(async (store) => {
        await store.set('k:2', { v: 1 });
        await store.set('k:2', { v: 2 });
        expect(await store.get('k:2')).toEqual({ v: 2 });
        await store.delete('k:2');
        expect(await store.get('k:2')).toBeUndefined();
        await store.delete('k:never-set');
      }));

    it('withLock runs holders of one key one at a time and returns their value', () =>
      withStore(async (store) => {
        let inside = 0;
        let maxInside = 0;
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.withLock('k:lock', async () => {
              inside++;
              maxInside = Math.max(maxInside, inside);
              await new Promise((r) => setTimeout(r, 5));
              inside--;
              return i;
            }),
          ),
        );
        expect(maxInside).toBe(1);
        expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }));

    it('withLock on different keys does not serialise them', () =>
      withStore(async (store) => {
        let release!: () => void;
        const gate = new Promise<void>((r) => {
          release = r;
        });
        const first = store.withLock('k:a', () => gate);
        const second = await store.withLock('k:b', async () => 'b-ran');
        expect(second).toBe('b-ran');
        release();
        await first;
      }));

    it('withLock releases the lock when the holder throws', () =>
      withStore(async (store) => {
        await expect(
          store.withLock('k:err', async () => {
            throw new Error('holder failed');
          }),
        ).rejects.toThrow('holder failed');
        expect(await store.withLock('k:err', async () => 'next')).toBe('next');
      }));

    it('set inside withLock of the same key does not deadlock', () =>
      withStore(async (store) => {
        await store.withLock('k:nested', async () => {
          await store.set('k:nested', { inside: true });
        });
        expect(await store.get('k:nested')).toEqual({ inside: true });
      }));
  });
}
