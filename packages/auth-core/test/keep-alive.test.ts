import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../src/clock.js';
import { SessionManager } from '../src/session-manager.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { TokenStore } from '../src/store/token-store.js';
import { type TestSession, testVendor } from './support/test-vendor.js';

const LIFETIME = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done()` holds (polling), at most `ms`: real timers run late on a busy machine. */
const until = async (done: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await sleep(10);
};

const managers: Array<SessionManager<TestSession>> = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
});

/** A real-clock manager whose sessions live a few hundred ms and fall due 100 ms before expiry. */
function shortLived(
  vendor = testVendor(systemClock, { lifetimeMs: LIFETIME }),
  store: TokenStore = new MemoryStore(),
) {
  const manager = new SessionManager({
    strategy: vendor.strategy(),
    store,
    refreshMarginMs: 100,
    clockSkewMs: 0,
  });
  managers.push(manager);
  return { vendor, manager, store };
}

describe('SessionManager.keepAlive', () => {
  it('renews by itself ahead of expiry and hands every new session to the listener', async () => {
    const { vendor, manager } = shortLived();
    const first = await manager.get();
    const seen: string[] = [];
    manager.keepAlive((session) => seen.push(session.token));
    await until(() => seen.length > 0);
    expect(vendor.calls.refresh).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen).not.toContain(first.token);
    expect(seen.at(-1)).toBe(manager.peek()?.token);
    expect(manager.peek()?.expiresAt ?? 0).toBeGreaterThan(first.expiresAt ?? 0);
    expect(manager.stats.logins).toBe(1);
  });

  it('announces a session another manager renewed on the shared store when its own timer fires', async () => {
    const vendor = testVendor(systemClock, { lifetimeMs: LIFETIME });
    const store = new MemoryStore();
    const { manager: watcher } = shortLived(vendor, store);
    const { manager: other } = shortLived(vendor, store);
    await watcher.get();
    await other.get();
    const seen: Array<{ token: string; refreshes: number }> = [];
    watcher.keepAlive((session) => seen.push({ token: session.token, refreshes: vendor.calls.refresh }));
    // Long-lived, so it is still fresh for the watcher however late its timer fires.
    vendor.setLifetime(10_000);
    const renewed = await other.renew();
    const refreshesBefore = vendor.calls.refresh;
    // The watcher falls due ~300 ms after its session was issued; the other's session is fresh then.
    await until(() => seen.length > 0);
    expect(seen[0]?.token).toBe(renewed.token);
    // Taken from the store, not renewed again (the refresh token was spent by the other manager).
    expect(seen[0]?.refreshes).toBe(refreshesBefore);
  });

  it('unsubscribing stops the timer: no more renewals', async () => {
    const { vendor, manager } = shortLived();
    await manager.get();
    const unsubscribe = manager.keepAlive(() => undefined);
    unsubscribe();
    await sleep(LIFETIME + 100);
    expect(vendor.calls.refresh).toBe(0);
  });

  it('a signal unsubscribes too, also one already aborted', async () => {
    const { vendor, manager } = shortLived();
    await manager.get();
    const controller = new AbortController();
    manager.keepAlive(() => undefined, { signal: controller.signal });
    controller.abort();
    manager.keepAlive(() => undefined, { signal: AbortSignal.abort() });
    await sleep(LIFETIME + 100);
    expect(vendor.calls.refresh).toBe(0);
  });

  it('keeps renewing while another listener remains subscribed', async () => {
    const { vendor, manager } = shortLived();
    await manager.get();
    const seen: string[] = [];
    const first = manager.keepAlive(() => undefined);
    manager.keepAlive((session) => seen.push(session.token));
    first();
    await until(() => seen.length > 0);
    expect(vendor.calls.refresh).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it('close() stops it, and keepAlive after close is a no-op', async () => {
    const { vendor, manager } = shortLived();
    await manager.get();
    manager.keepAlive(() => undefined);
    await manager.close();
    manager.keepAlive(() => undefined)();
    await sleep(LIFETIME + 100);
    expect(vendor.calls.refresh).toBe(0);
  });

  it('a throwing listener is reported as an error event, not thrown, and the others still hear', async () => {
    const { manager } = shortLived();
    await manager.get();
    const errors: string[] = [];
    manager.on('error', (event) => errors.push(event.during));
    const seen: string[] = [];
    manager.keepAlive(() => {
      throw new Error('listener bug');
    });
    manager.keepAlive((session) => seen.push(session.token));
    const renewed = await manager.renew();
    expect(seen).toEqual([renewed.token]);
    expect(errors).toContain('keep-alive listener');
  });

  it('its timer does not keep the process alive', async () => {
    const vendor = testVendor(systemClock, { lifetimeMs: 3_600_000 });
    const { manager } = shortLived(vendor);
    await manager.get();
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const stop = manager.keepAlive(() => undefined);
    expect(timers()).toBe(before);
    stop();
  });
});

describe('SessionManager.keepAlive, failures (fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a failed renewal is reported and retried after ~30 s, not in a loop; the listener hears the retry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const vendor = testVendor(systemClock, { lifetimeMs: 10 * 60_000 });
    const manager = new SessionManager({
      strategy: vendor.strategy(),
      refreshMarginMs: 60_000,
      clockSkewMs: 0,
    });
    managers.push(manager);
    const errors: string[] = [];
    manager.on('error', (event) => errors.push(event.during));
    const first = await manager.get();
    const seen: string[] = [];
    manager.keepAlive((session) => seen.push(session.token));
    vendor.failNext();
    await vi.advanceTimersByTimeAsync(9 * 60_000 + 100);
    expect(vendor.calls.refresh).toBe(1);
    expect(errors).toEqual(['eager renewal']);
    expect(manager.peek()).toBe(first);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(vendor.calls.refresh).toBe(1);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(vendor.calls.refresh).toBe(2);
    expect(seen).toEqual([manager.peek()?.token]);
    expect(seen[0]).not.toBe(first.token);
  });
});
