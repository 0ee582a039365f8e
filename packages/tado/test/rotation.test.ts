import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError, TadoLoginRequiredError, type TadoSession } from '../src/index.js';
import { createWorld, rejectionOf } from './world.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tado-rotation-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('single-use refresh tokens', () => {
  it('8 clients on one FileStore with a just-expired access token refresh exactly once', async () => {
    const w = createWorld();
    const store = new FileStore({ path: join(dir, 'sessions.json') });
    const first = w.approvingClient({ store });
    await first.me();
    await first.close();
    w.clock.advance(w.cloud.accessTtlMs);
    const clients = Array.from({ length: 8 }, () => w.client({ store }));
    const results = await Promise.all(clients.flatMap((c) => [c.me(), c.zoneStates(1907), c.zones(1907)]));
    expect(results).toHaveLength(24);
    expect(w.cloud.counts.refreshes).toBe(1);
    expect(w.cloud.counts.invalidGrants).toBe(0);
    expect(w.cloud.counts.logins).toBe(1);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('the rotated pair is in the store before the new access token is sent', async () => {
    const w = createWorld();
    const store = new FileStore({ path: join(dir, 'sessions.json') });
    const seen: Array<{ sent: string; stored: string | undefined }> = [];
    const key = 'tado:default';
    const watching: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const auth = new Headers(init?.headers).get('authorization');
      if (url.includes('/api/v2/') && auth !== null) {
        const stored = ((await store.get(key)) as { session?: TadoSession } | undefined)?.session;
        seen.push({ sent: auth.slice(7), stored: stored?.accessToken });
      }
      return w.fetch(input, init);
    };
    const client = w.approvingClient({ store, fetch: watching });
    await client.me();
    for (let i = 0; i < 3; i++) {
      w.clock.advance(w.cloud.accessTtlMs);
      await client.me();
    }
    expect(w.cloud.counts.refreshes).toBe(3);
    expect(seen).toHaveLength(4);
    for (const call of seen) expect(call.stored).toBe(call.sent);
    await client.close();
  });

  it('a refused refresh token is a dead session: typed error, no loop, never sent twice', async () => {
    const w = createWorld();
    const store = new MemoryStore();
    const seed = w.approvingClient({ store });
    await seed.me();
    await seed.close();
    w.cloud.revokeRefreshTokens();
    w.clock.advance(w.cloud.accessTtlMs);
    const client = w.client({ store });
    const first = await rejectionOf(client.me());
    expect(first).toBeInstanceOf(TadoLoginRequiredError);
    expect(w.cloud.counts.invalidGrants).toBe(1);
    const second = await rejectionOf(client.zones(1907));
    expect(isTokenwiseError(second, ErrorCodes.TokenExpiredError)).toBe(true);
    // The dead refresh token was not presented again, and no data call was sent on it.
    expect(w.cloud.counts.invalidGrants).toBe(1);
    expect(w.cloud.counts.failedRefreshes).toBe(1);
    await client.close();
  });

  it('without the shared lock two holders of one refresh token break each other (what the store prevents)', async () => {
    const w = createWorld();
    const seed = new MemoryStore();
    const first = w.approvingClient({ store: seed });
    await first.me();
    const stored = await seed.get(first.manager.key);
    await first.close();
    w.clock.advance(w.cloud.accessTtlMs);
    const naive = await Promise.all(
      [0, 1].map(async () => {
        const own = new MemoryStore();
        if (stored) await own.set('tado:default', stored);
        const client = w.client({ store: own });
        try {
          await client.me();
          return 'ok';
        } catch (error) {
          return (error as { code?: string }).code;
        } finally {
          await client.close();
        }
      }),
    );
    expect(naive.filter((r) => r === 'ok')).toHaveLength(1);
    expect(w.cloud.counts.invalidGrants).toBe(1);
  });
});

describe('a refused refresh token is remembered by everyone sharing the store', () => {
  it('a second client (another process) on the same FileStore never presents it again', async () => {
    const w = createWorld();
    const store = new FileStore({ path: join(dir, 'sessions.json') });
    const seed = w.approvingClient({ store });
    await seed.me();
    await seed.close();
    w.cloud.revokeRefreshTokens();
    w.clock.advance(w.cloud.accessTtlMs);
    const first = w.client({ store });
    expect(await rejectionOf(first.me())).toBeInstanceOf(TadoLoginRequiredError);
    const second = w.client({ store });
    expect(await rejectionOf(second.me())).toBeInstanceOf(TadoLoginRequiredError);
    expect(w.cloud.counts.invalidGrants).toBe(1);
    // Only a fingerprint is stored, never the token.
    const refused = JSON.stringify(await store.get('tado-refused:default'));
    const session = ((await store.get('tado:default')) as { session: TadoSession }).session;
    expect(refused).not.toContain(session.refreshToken);
    // A device login replaces the dead session; its new refresh token works.
    const person = w.approvingClient({ store });
    await person.login();
    w.clock.advance(w.cloud.accessTtlMs);
    await second.me();
    expect(w.cloud.counts.refreshes).toBe(1);
    await Promise.all([first.close(), second.close(), person.close()]);
  });
});
