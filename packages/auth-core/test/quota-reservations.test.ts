import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimitError } from '../src/errors.js';
import { AuthorizedHttp } from '../src/http/authorized-http.js';
import { type QuotaRecord, quotaStoreKey } from '../src/quota-record.js';
import { SessionManager } from '../src/session-manager.js';
import { FileStore } from '../src/store/file-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { TokenStore } from '../src/store/token-store.js';
import { FakeClock, handlerFetch } from '../src/testing/index.js';
import { type Cloud, quotaCloud, scriptedQuotaClient } from './support/quota-cloud.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function client(cloud: Cloud, clock: FakeClock, store: TokenStore) {
  const manager = new SessionManager({ strategy: cloud.strategy(), clock, store });
  const http = new AuthorizedHttp({ manager, baseUrl: 'https://quota.test/api', fetch: cloud.fetch });
  return { manager, http };
}

/** Calls until one is refused; counts what was answered and what was refused locally. */
async function pollPast(http: AuthorizedHttp<never> | ReturnType<typeof client>['http'], calls: number) {
  const counts = { ok: 0, refusedLocally: 0, answered429: 0 };
  for (let i = 0; i < calls; i++) {
    try {
      await http.request('zones');
      counts.ok++;
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      counts[error.fromStore ? 'refusedLocally' : 'answered429']++;
    }
  }
  return counts;
}

describe('request quota: instances share what is left', () => {
  for (const [name, makeStore] of [
    ['one MemoryStore', async () => () => new MemoryStore()],
    [
      'one FileStore file (a store object per client, as processes have)',
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'tokenwise-quota-lease-'));
        dirs.push(dir);
        return () => new FileStore({ path: join(dir, 'sessions.json') });
      },
    ],
  ] as const) {
    it(`8 clients on ${name} polling concurrently past the quota: no request reaches the cloud after it is spent`, async () => {
      const clock = new FakeClock();
      const cloud = quotaCloud(clock, { limit: 40, latencyMs: () => Math.random() * 4 });
      const storeFor = await makeStore();
      const shared = storeFor();
      const clients = Array.from({ length: 8 }, () =>
        client(cloud, clock, name === 'one MemoryStore' ? shared : storeFor()),
      );
      // Each client runs 2 calls at a time, 12 in all: 96 calls for 40 units, 16 in flight (the
      // reserved range's floor) when the count crosses it.
      const results = await Promise.all(
        clients.flatMap(({ http }) => [pollPast(http, 6), pollPast(http, 6)]),
      );
      const ok = results.reduce((n, r) => n + r.ok, 0);
      const refused = results.reduce((n, r) => n + r.refusedLocally, 0);
      expect(cloud.counts.rateLimited).toBe(0);
      expect(ok).toBe(40);
      expect(refused).toBe(96 - 40);
      expect(cloud.counts.requests).toBe(40);
      await Promise.all(clients.map(({ manager }) => manager.close()));
    });
  }

  it('a share whose process died lapses; until then the units it holds wait for it', async () => {
    const clock = new FakeClock();
    const cloud = quotaCloud(clock, { limit: 50 });
    const store = new MemoryStore();
    const { manager, http } = client(cloud, clock, store);
    await http.request('zones'); // r = 49 seen
    // Another process reserved the last unit, then died: the count says 1 left and it holds it.
    const key = quotaStoreKey('metered:a');
    const record = (await store.get(key)) as QuotaRecord;
    await store.set(key, {
      ...record,
      remaining: 1,
      observedAt: clock.now(),
      leases: [{ id: 'dead-process', until: clock.now() + 30_000 }],
    });
    let settled = false;
    const waiting = http.request('zones').finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    expect(cloud.counts.requests).toBe(1);
    clock.advance(30_001);
    expect((await waiting).status).toBe(200);
    expect(cloud.counts.requests).toBe(2);
    // The cloud never saw the dead process's request and reports 48; this request was sent after
    // the stored count was observed, so its higher count is the vendor's word and replaces it.
    await manager.close(); // gives this instance's share back
    expect(((await store.get(key)) as QuotaRecord).remaining).toBe(48);
    expect(((await store.get(key)) as QuotaRecord).leases).toBeUndefined();
  });

  it('a call that fails without an answer is counted as spent', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const cloud = quotaCloud(clock, { limit: 10 });
    const { manager } = client(cloud, clock, store);
    let mode: 'answer' | 'network-error' = 'answer';
    const http = new AuthorizedHttp({
      manager,
      baseUrl: 'https://quota.test',
      retries: 0,
      fetch: handlerFetch((request) => {
        if (mode === 'network-error') throw new TypeError('fetch failed');
        return cloud.fetch(request.url, { headers: request.headers });
      }),
    });
    await http.request('zones'); // r = 9
    mode = 'network-error';
    await expect(http.request('zones')).rejects.toMatchObject({ code: 'TOKENWISE_NETWORK' });
    // It may have reached the cloud: counted, although the cloud never saw it.
    expect(manager.requestQuota.known?.remaining).toBe(8);
    mode = 'answer';
    expect((await http.request('zones')).status).toBe(200); // the cloud: 10 - 2 answered = 8
    await manager.close();
    expect(await store.get(quotaStoreKey('metered:a'))).toMatchObject({ remaining: 8 });
    expect(await store.get(quotaStoreKey('metered:a'))).not.toHaveProperty('leases');
  });

  it('a slow answer to an earlier request never raises the count; a later request after the reset does', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const cloud = quotaCloud(clock, { limit: 100 });
    const { manager } = client(cloud, clock, store);
    const quota = manager.requestQuota;
    const early = await quota.gate();
    expect(early).toBeUndefined(); // nothing known yet: nothing to reserve or time
    await quota.observe(
      new Headers({ ratelimit: '"perday";r=40', 'ratelimit-policy': '"perday";q=100' }),
      200,
    );
    const before = await quota.gate();
    clock.advance(1000);
    await quota.observe(new Headers({ ratelimit: '"perday";r=30' }), 200);
    // `before` was sent before r=30 was observed: its r=35 is an older count arriving late.
    clock.advance(1000);
    await quota.observe(new Headers({ ratelimit: '"perday";r=35' }), 200, before);
    expect(quota.known?.remaining).toBe(30);
    // A request let through after that observation reporting more proves the vendor raised it.
    const after = await quota.gate();
    clock.advance(1000);
    await quota.observe(new Headers({ ratelimit: '"perday";r=100' }), 200, after);
    expect(quota.known?.remaining).toBe(100);
    await manager.close();
  });

  it('a store that fails while a share is taken lets the call go uncounted and reports the error', async () => {
    const clock = new FakeClock();
    const inner = new MemoryStore();
    let failLocks = false;
    const store: TokenStore = {
      get: (key) => inner.get(key),
      set: (key, value, options) => inner.set(key, value, options),
      delete: (key) => inner.delete(key),
      withLock: (key, fn) => {
        if (failLocks && key.startsWith('quota:')) return Promise.reject(new Error('lock file unwritable'));
        return inner.withLock(key, fn);
      },
    };
    const { manager, http, sent } = scriptedQuotaClient(clock, store, (n) => `"perday";r=${5 - n}`);
    const errors: string[] = [];
    manager.on('error', (event) => errors.push(event.during));
    await http.request('a');
    failLocks = true;
    expect((await http.request('b')).status).toBe(200);
    expect(sent()).toBe(2);
    expect(errors).toContain('store write');
    await manager.close();
  });
});
