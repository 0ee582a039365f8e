import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import { SessionManager } from '../src/session-manager.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';
import { type TestSession, testVendor } from './support/test-vendor.js';

const DAY = 86_400_000;
const WINDOW = 10 * 60_000;
const renewAt = (session: TestSession) => session.issuedAt + WINDOW;

describe('renewal policy (strategy.renewAt)', () => {
  it('get() renews once renewAt has passed although expiry is far', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: DAY });
    const manager = new SessionManager({ strategy: vendor.strategy({ renewAt }), clock });
    const first = await manager.get();
    clock.advance(WINDOW - 1);
    expect(await manager.get()).toBe(first);
    clock.advance(2);
    const second = await manager.get();
    expect(second.token).not.toBe(first.token);
    expect(vendor.calls).toMatchObject({ login: 1, refresh: 1 });
  });

  it('100 concurrent get() at that moment share exactly one renewal', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: DAY });
    const manager = new SessionManager({ strategy: vendor.strategy({ renewAt }), clock });
    await manager.get();
    clock.advance(WINDOW);
    const sessions = await Promise.all(Array.from({ length: 100 }, () => manager.get()));
    expect(new Set(sessions.map((s) => s.token)).size).toBe(1);
    expect(vendor.calls.refresh).toBe(1);
  });

  it('a failing renewal keeps serving the still-valid session and retries at most once per ~5 s', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: DAY });
    const manager = new SessionManager({
      strategy: vendor.strategy({ renewAt }),
      store: new MemoryStore(),
      clock,
    });
    const errors: string[] = [];
    manager.on('error', (event) => errors.push(`${event.during}:${event.errorCode}`));
    const first = await manager.get();
    clock.advance(WINDOW);
    vendor.failNext(100);
    expect(await manager.get()).toBe(first);
    expect(errors).toEqual([`eager renewal:${ErrorCodes.ApiError}`]);
    for (let i = 0; i < 20; i++) {
      clock.advance(200);
      expect(await manager.get()).toBe(first);
    }
    expect(vendor.calls.refresh).toBe(1);
    clock.advance(1_100);
    expect(await manager.get()).toBe(first);
    expect(vendor.calls.refresh).toBe(2);
  });

  it('renewalDueAt() is the earlier of expiry - margin - skew and renewAt', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: DAY });
    const margin = 60_000;
    const skew = 5_000;
    const withWindow = new SessionManager({
      strategy: vendor.strategy({ renewAt }),
      clock,
      refreshMarginMs: margin,
      clockSkewMs: skew,
    });
    expect(withWindow.renewalDueAt()).toBeUndefined();
    const a = await withWindow.get();
    expect(withWindow.renewalDueAt()).toBe(Math.min((a.expiresAt ?? 0) - margin - skew, a.issuedAt + WINDOW));
    expect(withWindow.renewalDueAt()).toBe(a.issuedAt + WINDOW);

    const late = new SessionManager({
      strategy: vendor.strategy({ renewAt: (s) => s.issuedAt + 2 * DAY }),
      clock,
      refreshMarginMs: margin,
      clockSkewMs: skew,
    });
    const b = await late.get();
    expect(late.renewalDueAt()).toBe((b.expiresAt ?? 0) - margin - skew);

    const without = new SessionManager({
      strategy: vendor.strategy(),
      clock,
      refreshMarginMs: margin,
      clockSkewMs: skew,
    });
    const c = await without.get();
    expect(without.renewalDueAt()).toBe((c.expiresAt ?? 0) - margin - skew);
  });

  it('a renewAt of undefined leaves expiry alone in charge', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: DAY });
    const manager = new SessionManager({
      strategy: vendor.strategy({ renewAt: () => undefined }),
      clock,
      refreshMarginMs: 60_000,
      clockSkewMs: 0,
    });
    const first = await manager.get();
    expect(manager.renewalDueAt()).toBe((first.expiresAt ?? 0) - 60_000);
    clock.advance(DAY / 2);
    expect(await manager.get()).toBe(first);
    expect(vendor.calls.refresh).toBe(0);
  });
});

describe('renewal policy, shared', () => {
  it('two managers on one store falling due by renewAt at once share one renewal', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: DAY });
    const store = new MemoryStore();
    const one = new SessionManager({ strategy: vendor.strategy({ renewAt }), store, clock });
    const two = new SessionManager({ strategy: vendor.strategy({ renewAt }), store, clock });
    await one.get();
    await two.get();
    clock.advance(WINDOW);
    const [a, b] = await Promise.all([one.get(), two.get()]);
    expect(a.token).toBe(b.token);
    expect(vendor.calls.refresh).toBe(1);
  });

  it('a renewAt that is already past for a new session does not renew on every call of the same moment', async () => {
    const clock = new FakeClock();
    const vendor = testVendor(clock, { lifetimeMs: DAY });
    const manager = new SessionManager({ strategy: vendor.strategy({ renewAt: (s) => s.issuedAt }), clock });
    await manager.get();
    await Promise.all(Array.from({ length: 10 }, () => manager.get()));
    expect(vendor.calls.refresh).toBeLessThanOrEqual(1);
  });
});
