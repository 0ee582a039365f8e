import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ErrorCodes, TokenExpiredError, TokenRefreshError } from '../src/errors.js';
import { SESSION_SCHEMA_VERSION } from '../src/session.js';
import { SessionManager } from '../src/session-manager.js';
import { FileStore } from '../src/store/file-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { TokenStore } from '../src/store/token-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import { type TestSession, testVendor } from './support/test-vendor.js';

const storedToken = async (store: TokenStore, key: string) =>
  ((await store.get(key)) as { session: TestSession } | undefined)?.session.token;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("SessionManager.adopt, check 'verify'", () => {
  it('stores and returns a session the vendor accepts, and emits set', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const sets: number[] = [];
    manager.on('set', (event) => sets.push(event.expiresAt ?? -1));
    const candidate = vendor.mint('a');
    const adopted = await manager.adopt(candidate, { check: 'verify' });
    expect(adopted.token).toBe(candidate.token);
    expect(vendor.calls.verify).toBe(1);
    expect(manager.peek()?.token).toBe(candidate.token);
    expect(await storedToken(store, manager.key)).toBe(candidate.token);
    expect(sets).toEqual([candidate.expiresAt]);
  });

  it('defaults to verify when the strategy has one', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const manager = new SessionManager({ strategy: vendor.strategy(), clock });
    await manager.adopt(vendor.mint('a'));
    expect(vendor.calls.verify).toBe(1);
  });

  it('a refused session fails with TokenExpiredError, is not stored, leaves the stored one alone and is marked bad', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const first = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const good = await first.get();
    clock.advance(1_000);
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const candidate = vendor.foreign();
    const error = await manager.adopt(candidate, { check: 'verify' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenExpiredError);
    expect(error).toMatchObject({ code: ErrorCodes.TokenExpiredError, vendor: 'test' });
    expect(await storedToken(store, manager.key)).toBe(good.token);
    expect(manager.peek()).toBeUndefined();
    // Marked bad: even a local-only check now refuses it, without asking the vendor again.
    const again = await manager.adopt(candidate, { check: 'none' }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TokenExpiredError);
    expect(vendor.calls.verify).toBe(1);
    expect(await storedToken(store, manager.key)).toBe(good.token);
  });

  it('a refused session is not stored when the store is empty', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    await expect(manager.adopt(vendor.foreign(), { check: 'verify' })).rejects.toBeInstanceOf(
      TokenExpiredError,
    );
    expect(await store.get(manager.key)).toBeUndefined();
  });

  it('a strategy without verify cannot verify: ConfigurationError', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const manager = new SessionManager({ strategy: vendor.strategy({ withoutVerify: true }), clock });
    await expect(
      Promise.resolve().then(() => manager.adopt(vendor.mint('a'), { check: 'verify' })),
    ).rejects.toBeInstanceOf(ConfigurationError);
    // Without verify the default check is local only.
    const candidate = vendor.mint('a');
    expect((await manager.adopt(candidate)).token).toBe(candidate.token);
  });

  it('adopt reports a bad candidate as a rejected promise, not a synchronous throw', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const manager = new SessionManager({ strategy: vendor.strategy({ withoutVerify: true }), clock });
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = manager.adopt({ token: 42 } as never);
    }).not.toThrow();
    await expect(result).rejects.toBeInstanceOf(ConfigurationError);
    expect(() => {
      result = manager.adopt(vendor.mint('a'), { check: 'verify' });
    }).not.toThrow();
    await expect(result).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('a candidate that fails the schema is a ConfigurationError and nothing is stored', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const error = await Promise.resolve()
      .then(() => manager.adopt({ vendor: 'test', account: 'a', issuedAt: 'yesterday' } as never))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ vendor: 'test' });
    expect(vendor.calls.verify).toBe(0);
    expect(await store.get(manager.key)).toBeUndefined();
  });
});

describe("SessionManager.adopt, check 'refresh'", () => {
  it('stores only the refreshed session, never the candidate', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const written: string[] = [];
    const set = store.set.bind(store);
    store.set = async (key, value, options) => {
      const token = (value as { session?: TestSession }).session?.token;
      if (token !== undefined) written.push(token);
      return set(key, value, options);
    };
    // A bare refresh token: the access token in it is long expired.
    const candidate = { ...vendor.mint('a'), token: 'stale', expiresAt: clock.now() - 1 };
    clock.advance(1_000);
    const adopted = await manager.adopt(candidate, { check: 'refresh' });
    expect(adopted.token).not.toBe('stale');
    expect(vendor.calls.refresh).toBe(1);
    expect(written).toEqual([adopted.token]);
    expect(await storedToken(store, manager.key)).toBe(adopted.token);
    expect(manager.stats.refreshes).toBe(1);
  });

  it('a refused refresh is a TokenRefreshError and nothing is stored', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    await expect(manager.adopt(vendor.foreign(), { check: 'refresh' })).rejects.toBeInstanceOf(
      TokenRefreshError,
    );
    expect(await store.get(manager.key)).toBeUndefined();
    expect(manager.peek()).toBeUndefined();
  });

  it('spends a single-use refresh token once when two managers sharing a store adopt it at once', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const one = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const two = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const candidate = vendor.mint('a');
    clock.advance(1_000);
    const [a, b] = await Promise.all([
      one.adopt(candidate, { check: 'refresh' }),
      two.adopt(candidate, { check: 'refresh' }),
    ]);
    expect(vendor.calls.refresh).toBe(1);
    expect(a.token).toBe(b.token);
    expect(a.token).not.toBe(candidate.token);
    expect(await storedToken(store, one.key)).toBe(a.token);
  });
});

describe("SessionManager.adopt, check 'none' and preferStored", () => {
  it("'none' refuses an expired candidate with TokenExpiredError without asking the vendor", async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: 60_000 });
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const candidate = vendor.mint('a');
    clock.advance(61_000);
    await expect(manager.adopt(candidate, { check: 'none' })).rejects.toBeInstanceOf(TokenExpiredError);
    expect(vendor.calls).toEqual({ login: 0, refresh: 0, verify: 0 });
    expect(await store.get(manager.key)).toBeUndefined();
  });

  it("'newer': a newer usable stored session wins and is returned; an older one is replaced", async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const other = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const older = vendor.mint('a');
    clock.advance(1_000);
    const newer = await other.get();
    const kept = await manager.adopt(older, { check: 'none' });
    expect(kept.token).toBe(newer.token);
    expect(manager.peek()?.token).toBe(newer.token);
    expect(await storedToken(store, manager.key)).toBe(newer.token);

    clock.advance(1_000);
    const newest = vendor.mint('a');
    const replaced = await manager.adopt(newest, { check: 'none' });
    expect(replaced.token).toBe(newest.token);
    expect(await storedToken(store, manager.key)).toBe(newest.token);
  });

  it("'always': any usable stored session wins, even an older one", async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const other = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const stored = await other.get();
    clock.advance(1_000);
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const candidate = vendor.mint('a');
    const kept = await manager.adopt(candidate, { check: 'verify', preferStored: 'always' });
    expect(kept.token).toBe(stored.token);
    expect(vendor.calls.verify).toBe(0);
    expect(await storedToken(store, manager.key)).toBe(stored.token);
  });

  it("an expired stored session never wins, even with 'always'", async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: 60_000 });
    const store = new MemoryStore();
    const other = new SessionManager({ strategy: vendor.strategy(), store, clock });
    await other.get();
    clock.advance(120_000);
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const candidate = vendor.mint('a');
    expect((await manager.adopt(candidate, { check: 'none', preferStored: 'always' })).token).toBe(
      candidate.token,
    );
    expect(await storedToken(store, manager.key)).toBe(candidate.token);
  });

  it('persist: false neither reads nor writes the store', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const other = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const stored = await other.get();
    let reads = 0;
    const get = store.get.bind(store);
    store.get = async (key) => {
      reads++;
      return get(key);
    };
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    clock.advance(1_000);
    const candidate = vendor.mint('a');
    const kept = await manager.adopt(candidate, { check: 'verify', persist: false });
    expect(kept.token).toBe(candidate.token);
    expect(manager.peek()?.token).toBe(candidate.token);
    expect(reads).toBe(0);
    expect(await storedToken(store, manager.key)).toBe(stored.token);
  });

  it('concurrent adopt and get on two managers sharing a FileStore never overwrite a fresher session', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenwise-adopt-'));
    dirs.push(dir);
    const path = join(dir, 'sessions.json');
    for (let round = 0; round < 5; round++) {
      const clock = new FakeClock(Date.UTC(2026, 0, 1) + round * 10 * 3_600_000);
      const vendor = testVendor(clock);
      const adopter = new SessionManager({
        strategy: vendor.strategy(),
        store: new FileStore({ path }),
        clock,
      });
      const getter = new SessionManager({
        strategy: vendor.strategy(),
        store: new FileStore({ path }),
        clock,
      });
      // Handed in from an old token file: older than anything the getter logs in with.
      const candidate = vendor.mint('a');
      clock.advance(1_000);
      const [adopted, got] = await Promise.all([adopter.adopt(candidate, { check: 'none' }), getter.get()]);
      const onDisk = await storedToken(new FileStore({ path }), adopter.key);
      expect(adopted.token).toBe(onDisk);
      expect(got.token).toBe(onDisk);
      expect(vendor.calls.login).toBeLessThanOrEqual(1);
      await Promise.all([adopter.close(), getter.close()]);
    }
  });

  it('a stored envelope of another shape does not win and is replaced', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    await store.set(manager.key, { schemaVersion: SESSION_SCHEMA_VERSION, session: { nope: true } });
    const candidate = vendor.mint('a');
    expect((await manager.adopt(candidate, { check: 'none' })).token).toBe(candidate.token);
    expect(await storedToken(store, manager.key)).toBe(candidate.token);
  });
});

describe('SessionManager.adopt, edges', () => {
  it('a vendor failure while verifying (5xx) is thrown as is, and the candidate is not marked bad', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const candidate = vendor.mint('a');
    vendor.failNext();
    const error = await manager.adopt(candidate, { check: 'verify' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.ApiError, status: 503 });
    expect(await store.get(manager.key)).toBeUndefined();
    expect((await manager.adopt(candidate, { check: 'verify' })).token).toBe(candidate.token);
  });

  it('keeps the session verify completed, not the one handed in', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({
      strategy: vendor.strategy({
        verify: async (session) => ({ ...session, expiresAt: clock.now() + 5_000_000 }),
      }),
      store,
      clock,
    });
    const candidate = vendor.mint('a');
    const adopted = await manager.adopt(candidate);
    expect(adopted.expiresAt).toBe(clock.now() + 5_000_000);
    expect(((await store.get(manager.key)) as { session: TestSession }).session.expiresAt).toBe(
      clock.now() + 5_000_000,
    );
  });

  it("'refresh' honours a login back-off in force: RateLimitError, the refresh token is not spent", async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    await store.set('throttle:test:a', { until: clock.now() + 30_000, reason: 'test' });
    const candidate = vendor.mint('a');
    await expect(manager.adopt(candidate, { check: 'refresh' })).rejects.toMatchObject({
      code: ErrorCodes.RateLimitError,
    });
    expect(vendor.calls.refresh).toBe(0);
    expect(await store.get(manager.key)).toBeUndefined();
    clock.advance(30_001);
    expect((await manager.adopt(candidate, { check: 'refresh' })).token).not.toBe(candidate.token);
  });

  it("a winning stored session is announced as 'restore', an adopted candidate as 'set'", async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const other = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const manager = new SessionManager({ strategy: vendor.strategy(), store, clock });
    const events: string[] = [];
    manager.on('set', () => events.push('set'));
    manager.on('restore', () => events.push('restore'));
    const older = vendor.mint('a');
    clock.advance(1);
    await other.get();
    await manager.adopt(older, { check: 'none' });
    clock.advance(1);
    await manager.adopt(vendor.mint('a'), { check: 'none' });
    expect(events).toEqual(['restore', 'set']);
  });

  it('a session handed in after invalidate() is refused locally', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const manager = new SessionManager({ strategy: vendor.strategy(), clock });
    const session = await manager.get();
    manager.invalidate(session);
    await expect(manager.adopt(session, { check: 'none', persist: false })).rejects.toBeInstanceOf(
      TokenExpiredError,
    );
  });

  it('the adopted session is handed to keep-alive listeners', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const manager = new SessionManager({ strategy: vendor.strategy(), clock });
    const seen: string[] = [];
    const stop = manager.keepAlive((session) => seen.push(session.token));
    const candidate = vendor.mint('a');
    await manager.adopt(candidate);
    expect(seen).toEqual([candidate.token]);
    stop();
    await manager.close();
  });
});

describe('SessionManager.adopt, the account', () => {
  it("refuses another account's session (it would be stored and served under this key)", async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy: vendor.strategy({ account: 'a' }), store, clock });
    const error = await manager.adopt(vendor.mint('b'), { check: 'none' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('test:b');
    expect(await store.get(manager.key)).toBeUndefined();
    expect(manager.peek()).toBeUndefined();
  });
});
