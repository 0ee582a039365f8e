import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes, RateLimitError } from '../src/errors.js';
import { AuthorizedHttp } from '../src/http/authorized-http.js';
import type { SessionManagerEvents } from '../src/manager-events.js';
import { QUOTA_KEY_PREFIX, quotaStoreKey } from '../src/quota-record.js';
import { SessionManager } from '../src/session-manager.js';
import { FileStore } from '../src/store/file-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { TokenStore } from '../src/store/token-store.js';
import { FakeClock, handlerFetch } from '../src/testing/index.js';
import { type Cloud, HOUR, quotaCloud, scriptedQuotaClient } from './support/quota-cloud.js';

function client(cloud: Cloud, clock: FakeClock, store: TokenStore, maxBackOffMs?: number) {
  const manager = new SessionManager({
    strategy: cloud.strategy(),
    clock,
    store,
    ...(maxBackOffMs === undefined ? {} : { maxBackOffMs }),
  });
  const http = new AuthorizedHttp({ manager, baseUrl: 'https://quota.test/api', fetch: cloud.fetch });
  return { manager, http };
}

async function refused(call: Promise<unknown>): Promise<RateLimitError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A store per client on one file, as separate processes have. */
async function fileStores(): Promise<() => TokenStore> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-quota-'));
  dirs.push(dir);
  return () => new FileStore({ path: join(dir, 'sessions.json') });
}

async function memoryStores(): Promise<() => TokenStore> {
  const store = new MemoryStore();
  return () => store;
}

describe('request quota', () => {
  it('once spent, further calls send nothing and fail with RateLimitError until the reset', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 3 });
    const { manager, http } = client(cloud, clock, new MemoryStore());
    for (let i = 0; i < 3; i++) expect((await http.request('zones')).status).toBe(200);
    expect(cloud.counts.requests).toBe(3);
    // The third answer said r=0 without a reset (tado sends t only once spent): 20 calls, nothing sent.
    for (let i = 0; i < 20; i++) {
      const error = await refused(http.request('zones'));
      expect(error.code).toBe(ErrorCodes.RateLimitError);
      expect(error.fromStore).toBe(true);
      expect(error.retryAfterMs).toBe(60_000);
    }
    expect(cloud.counts.requests).toBe(3);
    // The default wait passed: one probe goes out, its 429 names the real reset, nothing more is sent.
    clock.advance(60_000);
    const probe = await refused(http.request('zones'));
    expect(probe.fromStore).toBe(false);
    expect(probe.retryAfterMs).toBe(cloud.resetAt - clock.now());
    expect(cloud.counts.requests).toBe(4);
    for (let i = 0; i < 10; i++) await refused(http.request('zones'));
    expect(cloud.counts.requests).toBe(4);
    const quota = await manager.quota();
    expect(quota).toMatchObject({ policy: 'perday', limit: 3, remaining: 0, windowMs: 86_400_000 });
    expect(quota?.resetAt).toBe(cloud.resetAt);
    // The reset passes: calls flow again.
    clock.set(cloud.resetAt);
    expect((await http.request('zones')).status).toBe(200);
    expect(cloud.counts.requests).toBe(5);
    expect((await manager.quota())?.remaining).toBe(2);
  });

  it('a 429 with the headers is a RateLimitError: no retry, no invalidate, no renewal, isAuthFailure not asked', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 1, resetInMs: 1301_000 });
    const other = client(cloud, clock, new MemoryStore());
    await other.http.request('zones'); // another app spends the account's quota
    const { manager, http } = client(cloud, clock, new MemoryStore());
    const events: string[] = [];
    for (const type of ['invalidate', 'login', 'refresh'] as const) manager.on(type, () => events.push(type));
    const asked = cloud.counts.isAuthFailure;
    const error = await refused(http.request('zones'));
    expect(error.fromStore).toBe(false);
    expect(error.retryAfterMs).toBe(1301_000);
    expect(cloud.counts.rateLimited).toBe(1); // a GET, retries allowed: still sent once
    expect(cloud.counts.isAuthFailure).toBe(asked);
    expect(events).toEqual(['login']); // the first session only
    expect(manager.stats.invalidations).toBe(0);
    expect(cloud.counts.logins).toBe(2);
    expect(manager.peek()?.token).toBe('tok-2');
  });

  for (const [name, makeStores] of [
    ['one MemoryStore', memoryStores],
    ['one FileStore file (an instance each)', fileStores],
  ] as const) {
    it(`two clients on ${name}: when one spends the quota the other refuses without sending`, async () => {
      const clock = new FakeClock();
      const cloud = quotaCloud(clock, { limit: 4, resetInMs: 3 * HOUR });
      const storeFor = await makeStores();
      const store = storeFor();
      const a = client(cloud, clock, storeFor());
      const b = client(cloud, clock, storeFor());
      await b.http.request('zones'); // b has seen the quota: r=3
      await a.http.request('zones');
      await a.http.request('zones');
      await a.http.request('zones'); // r=0
      await refused(a.http.request('zones')); // the default wait; a has not learnt the reset yet
      clock.advance(60_000);
      await refused(a.http.request('zones')); // the probe's 429 names the reset
      const sent = cloud.counts.requests;
      expect(cloud.counts.rateLimited).toBe(1);
      for (let i = 0; i < 5; i++) {
        const error = await refused(b.http.request('zones'));
        expect(error.retryAfterMs).toBe(cloud.resetAt - clock.now());
      }
      // A third client starting now refuses from its first call.
      const c = client(cloud, clock, storeFor());
      await refused(c.http.request('zones'));
      expect(cloud.counts.requests).toBe(sent);
      expect(await store.get(quotaStoreKey('metered:a'))).toMatchObject({
        remaining: 0,
        resetAt: cloud.resetAt,
      });
      clock.set(cloud.resetAt);
      expect((await b.http.request('zones')).status).toBe(200);
      expect((await c.http.request('zones')).status).toBe(200);
      expect(cloud.counts.requests).toBe(sent + 2);
      await Promise.all([a.manager.close(), b.manager.close(), c.manager.close()]);
    });
  }

  it('without the headers: no record, no store write for it, and a 429 behaves as before', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 2, headers: false });
    const store = new MemoryStore();
    const { manager, http } = client(cloud, clock, store);
    const quotaEvents: unknown[] = [];
    manager.on('quota', (event) => quotaEvents.push(event));
    await http.request('zones');
    await http.request('zones');
    const error = await refused(http.request('zones'));
    // As before the quota existed: a 429 without Retry-After fails at once (retryDelay's rule).
    expect(cloud.counts.rateLimited).toBe(1);
    expect(error.fromStore).toBe(false);
    expect(await manager.quota()).toBeUndefined();
    expect(await store.get(quotaStoreKey('metered:a'))).toBeUndefined();
    expect(quotaEvents).toEqual([]);
  });

  it('a daily reset is honoured beyond maxBackOffMs; a reset beyond the window is not believed', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 1, resetInMs: 20 * HOUR });
    const { http } = client(cloud, clock, new MemoryStore(), HOUR);
    await http.request('zones');
    clock.advance(60_000);
    const error = await refused(http.request('zones'));
    expect(error.retryAfterMs).toBe(20 * HOUR - 60_000);

    const garbage = new SessionManager({ strategy: cloud.strategy('g'), clock, store: new MemoryStore() });
    const wild = new AuthorizedHttp({
      manager: garbage,
      baseUrl: 'https://quota.test',
      fetch: handlerFetch(
        () =>
          new Response(null, {
            status: 429,
            headers: { ratelimit: '"perday";r=0;t=1733400000', 'ratelimit-policy': '"perday";q=5;w=86400' },
          }),
      ),
    });
    const bogus = await refused(wild.request('x'));
    expect(bogus.retryAfterMs).toBe(60_000);
  });

  it('the common call does no store I/O: an instance spends a share taken in one locked write', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 1000 });
    const inner = new MemoryStore();
    const io = { reads: 0, writes: [] as string[] };
    const store: TokenStore = {
      get: (key) => {
        if (key.startsWith(QUOTA_KEY_PREFIX)) io.reads++;
        return inner.get(key);
      },
      set: async (key, value, options) => {
        if (key.startsWith(QUOTA_KEY_PREFIX)) {
          const record = value as { remaining: number; leases?: Array<{ units?: number }> };
          const held = record.leases?.reduce((n, lease) => n + (lease.units ?? 1), 0) ?? 0;
          io.writes.push(`${record.remaining} left, ${held} held`);
        }
        await inner.set(key, value, options);
      },
      delete: (key) => inner.delete(key),
      withLock: (key, fn) => inner.withLock(key, fn),
    };
    const { manager, http } = client(cloud, clock, store);
    for (let i = 0; i < 100; i++) await http.request('zones');
    // The first answer is written (no share yet); then a share of 64, then one more.
    expect(io.writes).toEqual(['999 left, 0 held', '999 left, 64 held', '935 left, 64 held']);
    expect(io.reads + io.writes.length).toBeLessThan(10); // for 100 calls
    clock.advance(60_000);
    await http.request('zones');
    // A minute on: the idle share had lapsed, a new one is taken and the count written.
    expect(io.writes.at(-1)).toBe('899 left, 63 held');
    await manager.close();
    expect(io.writes.at(-1)).toBe('899 left, 0 held'); // closing gives the share back
    await manager.clearQuota();
    expect(await inner.get(quotaStoreKey('metered:a'))).toBeUndefined();
  });

  it('emits quota events without secrets, refusals included', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 1 });
    const { manager, http } = client(cloud, clock, new MemoryStore());
    const events: Array<SessionManagerEvents['quota']> = [];
    manager.on('quota', (event) => events.push(event));
    await http.request('zones');
    await refused(http.request('zones'));
    expect(events.map((e) => [e.remaining, e.refused])).toEqual([
      [0, false],
      [0, true],
    ]);
    expect(events[0]).toMatchObject({
      vendor: 'metered',
      account: 'a',
      key: 'metered:a',
      policy: 'perday',
      limit: 1,
    });
    expect(JSON.stringify(events)).not.toContain('tok-');
  });

  it('an answer to a call sent before the quota ran out does not reopen it', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const { manager, http, sent } = scriptedQuotaClient(clock, store, () => '"perday";r=0;t=600');
    await http.request('a');
    // A slower call, sent earlier, answers now with the count it saw then.
    await manager.requestQuota.observe(new Headers({ ratelimit: '"perday";r=5' }), 200);
    expect((await refused(http.request('b'))).retryAfterMs).toBe(600_000);
    expect(sent()).toBe(1);
    // Nor does another instance's late answer overwrite the spent record in the store.
    const other = new SessionManager({ strategy: quotaCloud(clock, { limit: 1 }).strategy(), clock, store });
    await other.requestQuota.observe(new Headers({ ratelimit: '"perday";r=5' }), 200);
    await other.close();
    expect(await store.get(quotaStoreKey('metered:a'))).toMatchObject({ remaining: 0 });
    await manager.close();
  });

  it('a store that fails for the quota record never fails a call: memory still refuses, errors are events', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 2 });
    const inner = new MemoryStore();
    const broken = (key: string) => {
      if (key.startsWith(QUOTA_KEY_PREFIX)) throw new Error('disk on fire');
    };
    const store: TokenStore = {
      get: async (key) => {
        broken(key);
        return inner.get(key);
      },
      set: async (key, value, options) => {
        broken(key);
        await inner.set(key, value, options);
      },
      delete: (key) => inner.delete(key),
      withLock: (key, fn) => inner.withLock(key, fn),
    };
    const { manager, http } = client(cloud, clock, store);
    const errors: string[] = [];
    manager.on('error', (event) => errors.push(event.during));
    expect((await http.request('zones')).status).toBe(200);
    expect((await http.request('zones')).status).toBe(200);
    await refused(http.request('zones'));
    expect(cloud.counts.requests).toBe(2);
    expect(errors).toContain('store read');
    expect(errors).toContain('store write');
    await manager.close();
  });
});
