import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError, RateLimitError } from '../src/errors.js';
import { SessionManager } from '../src/session-manager.js';
import { FileStore } from '../src/store/file-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import { throttleStoreKey } from '../src/throttle-record.js';
import { testVendor } from './support/test-vendor.js';

const INTERVAL = 60_000;

/** Two managers of two accounts sharing one throttle key and one store. */
function pair(minLoginIntervalMs = INTERVAL) {
  const clock = new FakeClock();
  const vendor = testVendor(clock);
  const store = new MemoryStore();
  const make = (account: string) =>
    new SessionManager({
      strategy: vendor.strategy({ account, throttleKey: 'test:shared', minLoginIntervalMs }),
      store,
      clock,
    });
  return { clock, vendor, store, one: make('one'), two: make('two') };
}

describe('login spacing (strategy.minLoginIntervalMs)', () => {
  it('refuses a second login within the interval under the same throttle key without calling login', async () => {
    const { clock, vendor, one, two } = pair();
    await one.get();
    clock.advance(20_000);
    const error = await two.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(INTERVAL - 20_000 - 1_000);
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(INTERVAL - 20_000);
    expect(vendor.calls.login).toBe(1);
  });

  it('logs in once the interval has passed', async () => {
    const { clock, vendor, one, two } = pair();
    await one.get();
    clock.advance(10_000);
    await expect(two.get()).rejects.toBeInstanceOf(RateLimitError);
    clock.advance(INTERVAL);
    const session = await two.get();
    expect(session.account).toBe('two');
    expect(vendor.calls.login).toBe(2);
  });

  it('keeps the stamp in the store as throttle:<key> with lastLoginAt', async () => {
    const { clock, store, one } = pair();
    await one.get();
    const record = (await store.get(throttleStoreKey('test:shared'))) as { lastLoginAt?: number };
    expect(record.lastLoginAt).toBe(clock.now());
  });

  it('a stamp from the future (clock turned back) blocks at most one interval', async () => {
    const { clock, vendor, store, two } = pair();
    await store.set(throttleStoreKey('test:shared'), {
      until: 0,
      reason: 'login spacing',
      lastLoginAt: clock.now() + 10 * 3_600_000,
    });
    const error = await two.get().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(INTERVAL);
    clock.advance(INTERVAL + 1);
    const session = await two.get();
    expect(session.account).toBe('two');
    expect(vendor.calls.login).toBe(1);
  });

  it('a store whose get and set fail for the stamp does not stop the login; it is reported', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const get = store.get.bind(store);
    const set = store.set.bind(store);
    store.get = async (key) => {
      if (key.startsWith('throttle:')) throw new Error('disk on fire');
      return get(key);
    };
    store.set = async (key, value, options) => {
      if (key.startsWith('throttle:')) throw new Error('disk on fire');
      return set(key, value, options);
    };
    const manager = new SessionManager({
      strategy: vendor.strategy({ minLoginIntervalMs: INTERVAL }),
      store,
      clock,
    });
    const errors: string[] = [];
    manager.on('error', (event) => errors.push(event.during));
    const session = await manager.get();
    expect(session.token).toBeDefined();
    expect(vendor.calls.login).toBe(1);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((during) => during.startsWith('store'))).toBe(true);
  });

  it('0 disables it', async () => {
    const { vendor, one, two } = pair(0);
    await one.get();
    await two.get();
    expect(vendor.calls.login).toBe(2);
  });

  it('applies to forced logins of one manager too', async () => {
    const { clock, vendor, one } = pair();
    await one.get();
    clock.advance(1_000);
    await expect(one.renew({ login: true })).rejects.toBeInstanceOf(RateLimitError);
    expect(vendor.calls.login).toBe(1);
    // The still-valid session keeps being served.
    expect((await one.get()).account).toBe('one');
  });
});

describe('login spacing, edges', () => {
  it('the refusal tells the real wait even when no rate-limit back-off is kept (maxBackOffMs 0)', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock);
    const store = new MemoryStore();
    const make = (account: string) =>
      new SessionManager({
        strategy: vendor.strategy({ account, throttleKey: 'test:shared', minLoginIntervalMs: INTERVAL }),
        store,
        clock,
        maxBackOffMs: 0,
      });
    await make('one').get();
    clock.advance(10_000);
    const two = make('two');
    const error = await two.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const wait = (error as RateLimitError).retryAfterMs ?? 0;
    expect(wait).toBe(INTERVAL - 10_000);
    // Retrying after the wait it named works.
    clock.advance(wait);
    expect((await two.get()).account).toBe('two');
  });

  it('a refusal is reported as a rate-limited event and shared with the other instances', async () => {
    const { clock, one, two } = pair();
    const limited: number[] = [];
    two.on('rate-limited', (event) => limited.push(event.retryAfterMs));
    await one.get();
    clock.advance(5_000);
    await expect(two.get()).rejects.toBeInstanceOf(RateLimitError);
    expect(limited).toEqual([INTERVAL - 5_000]);
    expect(two.rateLimitedForMs).toBe(INTERVAL - 5_000);
  });

  it('clearBackOff() lifts the spacing with the back-off', async () => {
    const { vendor, store, one, two } = pair();
    await one.get();
    await two.clearBackOff();
    expect(await store.get(throttleStoreKey('test:shared'))).toBeUndefined();
    await two.get();
    expect(vendor.calls.login).toBe(2);
  });

  it('a failed login counts as an attempt: the next one is spaced too', async () => {
    const { clock, vendor, one } = pair();
    vendor.failNext();
    await expect(one.get()).rejects.toMatchObject({ code: ErrorCodes.ApiError });
    clock.advance(1_000);
    await expect(one.get()).rejects.toBeInstanceOf(RateLimitError);
    expect(vendor.calls.login).toBe(1);
  });
});

describe('login spacing across FileStore instances', () => {
  it('two instances racing on one file: exactly one logs in, the other is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenwise-spacing-'));
    try {
      const path = join(dir, 'sessions.json');
      const clock = new FakeClock();
      const vendor = testVendor(clock);
      const make = (account: string) =>
        new SessionManager({
          strategy: vendor.strategy({ account, throttleKey: 'test:shared', minLoginIntervalMs: INTERVAL }),
          store: new FileStore({ path }),
          clock,
        });
      const results = await Promise.allSettled([make('one').get(), make('two').get()]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(RateLimitError);
      expect(vendor.calls.login).toBe(1);
      const record = (await new FileStore({ path }).get(throttleStoreKey('test:shared'))) as {
        lastLoginAt?: number;
      };
      expect(record.lastLoginAt).toBe(clock.now());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
