import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, ErrorCodes, RateLimitError, TokenRefreshError } from '../src/errors.js';
import { sessionBaseSchema } from '../src/session.js';
import { SessionManager } from '../src/session-manager.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { AuthStrategy } from '../src/strategy.js';
import { FakeClock, ReferenceCloud, runProcess, startLoopbackServer } from '../src/testing/index.js';

const schema = sessionBaseSchema.extend({ token: z.string() });
type TestSession = z.infer<typeof schema>;

/** A scriptable strategy: each login/refresh runs the next queued behaviour. */
function scripted(clock: FakeClock, lifetimeMs = 60 * 60_000) {
  let counter = 0;
  const calls = { login: 0, refresh: 0 };
  const queue: Array<() => never | undefined> = [];
  const mint = (): TestSession => {
    counter++;
    return {
      vendor: 'test',
      account: 'a',
      issuedAt: clock.now(),
      expiresAt: clock.now() + lifetimeMs,
      token: `tok-${counter}`,
    };
  };
  const strategy: AuthStrategy<TestSession> = {
    vendor: 'test',
    account: 'a',
    schema,
    async login() {
      calls.login++;
      queue.shift()?.();
      return mint();
    },
    async refresh() {
      calls.refresh++;
      queue.shift()?.();
      return mint();
    },
    authorize: () => undefined,
    isAuthFailure: (response) => response.status === 401,
    token: (s) => s.token,
    touch: (s, now) => ({ ...s, expiresAt: now + lifetimeMs }),
  };
  return { strategy, calls, queue };
}

describe('SessionManager', () => {
  it('serves the in-memory session without touching the store', async () => {
    const clock = new FakeClock();
    const { strategy } = scripted(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy, store, clock });
    const first = await manager.get();
    let reads = 0;
    const original = store.get.bind(store);
    store.get = async (key) => {
      reads++;
      return original(key);
    };
    for (let i = 0; i < 100; i++) expect(await manager.get()).toBe(first);
    expect(reads).toBe(0);
  });

  it('renews only inside the margin, and a margin longer than the session does not renew every call', async () => {
    const clock = new FakeClock();
    const { strategy, calls } = scripted(clock, 30_000);
    const manager = new SessionManager({ strategy, clock, refreshMarginMs: 60_000, clockSkewMs: 0 });
    await manager.get();
    await manager.get();
    expect(calls.login + calls.refresh).toBe(1);
    clock.advance(16_000);
    await manager.get();
    expect(calls.refresh).toBe(1);
  });

  it('keeps using a still-valid session when an eager refresh fails with a 5xx, and reports it', async () => {
    const clock = new FakeClock();
    const { strategy, calls, queue } = scripted(clock, 10 * 60_000);
    const manager = new SessionManager({ strategy, clock });
    const errors: string[] = [];
    manager.on('error', (e) => errors.push(`${e.during}:${e.errorCode}`));
    const first = await manager.get();
    clock.advance(10 * 60_000 - 30_000);
    queue.push(() => {
      throw new RateLimitError('slow down', { retryAfterMs: 1000 });
    });
    expect(await manager.get()).toBe(first);
    expect(errors).toEqual([`eager renewal:${ErrorCodes.RateLimitError}`]);
    // Does not hammer the vendor on every call while backing off.
    await manager.get();
    expect(calls.refresh).toBe(1);
  });

  it('falls back to login when refresh is rejected, but not when it fails otherwise', async () => {
    const clock = new FakeClock();
    const { strategy, calls, queue } = scripted(clock, 60_000);
    const manager = new SessionManager({ strategy, clock });
    await manager.get();
    clock.advance(120_000);
    queue.push(() => {
      throw new TokenRefreshError('revoked');
    });
    await manager.get();
    expect(calls).toEqual({ login: 2, refresh: 1 });
  });

  it('sliding sessions: touch extends expiry in memory and persists it at most once per interval', async () => {
    const clock = new FakeClock();
    const { strategy, calls } = scripted(clock, 15 * 60_000);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy, store, clock, touchPersistIntervalMs: 60_000 });
    let writes = 0;
    const original = store.set.bind(store);
    store.set = async (...args) => {
      writes++;
      return original(...args);
    };
    const session = await manager.get();
    const writesAfterLogin = writes;
    for (let minute = 0; minute < 60; minute += 5) {
      clock.advance(5 * 60_000);
      manager.touch(await manager.get());
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls.login + calls.refresh).toBe(1);
    expect(manager.peek()?.token).toBe(session.token);
    expect(writes - writesAfterLogin).toBe(12);
    const stored = (await store.get(manager.key)) as { session: TestSession };
    expect(stored.session.expiresAt).toBe(clock.now() + 15 * 60_000);
  });

  it('ignores a touch for a session that is no longer current', async () => {
    const clock = new FakeClock();
    const { strategy } = scripted(clock, 15 * 60_000);
    const manager = new SessionManager({ strategy, clock });
    const old = await manager.get();
    await manager.renew();
    const current = manager.peek();
    clock.advance(60_000);
    manager.touch(old);
    expect(manager.peek()).toBe(current);
  });

  it('does not trust a stored session minted in the future (clock turned back)', async () => {
    const clock = new FakeClock();
    const { strategy, calls } = scripted(clock);
    const store = new MemoryStore();
    const future = {
      vendor: 'test',
      account: 'a',
      issuedAt: clock.now() + 3_600_000,
      expiresAt: clock.now() + 7_200_000,
      token: 'from-the-future',
    };
    await store.set('test:a', { schemaVersion: 1, session: future });
    const manager = new SessionManager({ strategy, store, clock });
    expect((await manager.get()).token).not.toBe('from-the-future');
    expect(calls.login + calls.refresh).toBe(1);
  });

  it('setSession rejects a malformed session with a typed error and stores nothing', async () => {
    const clock = new FakeClock();
    const { strategy } = scripted(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy, store, clock });
    const bad = { vendor: 'test', account: 'a', issuedAt: 'yesterday', token: 1 } as unknown as TestSession;
    await expect(manager.setSession(bad)).rejects.toMatchObject({ code: ErrorCodes.ConfigurationError });
    expect(await store.get(manager.key)).toBeUndefined();
  });

  it('setSession({ persist: false }) uses the session without touching the store', async () => {
    const clock = new FakeClock();
    const { strategy, calls } = scripted(clock);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy, store, clock });
    const given = {
      vendor: 'test',
      account: 'a',
      issuedAt: clock.now(),
      expiresAt: clock.now() + 3_600_000,
      token: 'given',
    };
    await manager.setSession(given, { persist: false });
    expect((await manager.get()).token).toBe('given');
    expect(await store.get(manager.key)).toBeUndefined();
    expect(calls.login + calls.refresh).toBe(0);
  });

  it('setSession({ preferStored: true }) adopts a valid stored session instead of overwriting it', async () => {
    const clock = new FakeClock();
    const { strategy } = scripted(clock);
    const store = new MemoryStore();
    const other = new SessionManager({ strategy, store, clock });
    const fresher = await other.get();
    const manager = new SessionManager({ strategy, store, clock });
    const old = {
      vendor: 'test',
      account: 'a',
      issuedAt: clock.now() - 1,
      expiresAt: clock.now() + 600_000,
      token: 'from-a-file',
    };
    expect(await manager.setSession(old, { preferStored: true })).toEqual(fresher);
    expect(((await store.get(manager.key)) as { session: TestSession }).session.token).toBe(fresher.token);
    await other.clear();
    expect((await manager.setSession(old, { preferStored: true })).token).toBe('from-a-file');
  });

  it('a stored value that does not match the schema is reported, not crashed on', async () => {
    const clock = new FakeClock();
    const { strategy, calls } = scripted(clock);
    const store = new MemoryStore();
    await store.set('test:a', { schemaVersion: 1, session: { nonsense: true } });
    const manager = new SessionManager({ strategy, store, clock });
    const errors: string[] = [];
    manager.on('error', (e) => errors.push(e.errorCode));
    await manager.get();
    expect(calls.login).toBe(1);
    expect(errors).toContain(ErrorCodes.StoreError);
  });

  it('no timer keeps the process alive after the work is done', async () => {
    const cloud = new ReferenceCloud();
    const server = await startLoopbackServer(cloud.handler);
    const dir = await mkdtemp(join(tmpdir(), 'tokenwise-idle-'));
    try {
      const script = fileURLToPath(new URL('./fixtures/exit-when-idle.mjs', import.meta.url));
      const result = await runProcess(
        script,
        { REFERENCE_URL: server.url, TOKENWISE_STORE_PATH: join(dir, 's.json') },
        20_000,
      );
      expect(result.stdout).toContain('done');
      expect(result.code).toBe(0);
      expect(cloud.counts.logins).toBe(1);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SessionManager rate limits and shutdown', () => {
  it('a 429 on refresh is shared through the store like one on login', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const first = scripted(clock, 60_000);
    const a = new SessionManager({ strategy: first.strategy, store, clock });
    await a.get();
    clock.advance(120_000);
    first.queue.push(() => {
      throw new RateLimitError('attempt_limit_exceeded', { retryAfterMs: 0 });
    });
    await expect(a.get()).rejects.toMatchObject({ code: ErrorCodes.RateLimitError });
    const second = scripted(clock, 60_000);
    const b = new SessionManager({ strategy: second.strategy, store, clock });
    await expect(b.get()).rejects.toMatchObject({ code: ErrorCodes.RateLimitError, fromStore: true });
    expect(second.calls).toEqual({ login: 0, refresh: 0 });
    clock.advance(60_000 + 1);
    await b.get();
    expect(second.calls.refresh).toBe(1);
  });

  it('close() waits for a sliding-expiry write already started', async () => {
    const clock = new FakeClock();
    const { strategy } = scripted(clock, 15 * 60_000);
    const store = new MemoryStore();
    const manager = new SessionManager({ strategy, store, clock, touchPersistIntervalMs: 1 });
    const session = await manager.get();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const original = store.set.bind(store);
    let written = false;
    store.set = async (...args) => {
      await gate;
      await original(...args);
      written = true;
    };
    clock.advance(60_000);
    manager.touch(session);
    const closing = manager.close();
    release();
    await closing;
    expect(written).toBe(true);
  });
});

describe('SessionManager.renew', () => {
  it('forces one renewal while valid; a failed forced renewal throws but leaves the session usable', async () => {
    const clock = new FakeClock();
    const { strategy, calls, queue } = scripted(clock, 60 * 60_000);
    const manager = new SessionManager({ strategy, clock });
    const first = await manager.get();
    const renewed = await Promise.all([manager.renew(), manager.renew()]);
    expect(renewed[0]).toBe(renewed[1]);
    expect(renewed[0]?.token).not.toBe(first.token);
    expect(calls.refresh).toBe(1);
    queue.push(() => {
      throw new ApiError('vendor down', { status: 503 });
    });
    await expect(manager.renew()).rejects.toMatchObject({ code: ErrorCodes.ApiError });
    expect(await manager.get()).toBe(renewed[0]);
  });

  it('renew({ login: true }) asked while a refresh runs logs in after it, once for all who asked', async () => {
    const clock = new FakeClock();
    const { strategy, calls } = scripted(clock, 60 * 60_000);
    const manager = new SessionManager({ strategy, clock });
    await manager.get();
    const refreshing = manager.renew();
    const logins = [manager.renew({ login: true }), manager.renew({ login: true })];
    const refreshed = await refreshing;
    const [a, b] = await Promise.all(logins);
    expect(a).toBe(b);
    expect(a?.token).not.toBe(refreshed.token);
    expect(calls).toEqual({ login: 2, refresh: 1 });
  });

  it('renew({ login: true }) skips the refresh', async () => {
    const clock = new FakeClock();
    const { strategy, calls } = scripted(clock, 60 * 60_000);
    const manager = new SessionManager({ strategy, clock });
    await manager.get();
    await manager.renew({ login: true });
    expect(calls).toEqual({ login: 2, refresh: 0 });
  });
});
