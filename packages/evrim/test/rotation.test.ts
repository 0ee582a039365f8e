import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, MemoryStore, type StoreSetOptions, type TokenStore } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld } from './world.js';

describe('refresh token rotation', () => {
  it('off (simplejwt default): the refresh token is kept across refreshes', async () => {
    const w = createWorld();
    const client = await w.create();
    const first = client.manager.peek()?.refreshToken;
    for (let i = 0; i < 5; i++) {
      w.clock.advance(300_000);
      await client.tasks();
    }
    expect(client.manager.peek()?.refreshToken).toBe(first);
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 5 });
  });

  it('on, with blacklisting: every refresh stores the new token and never needs a login', async () => {
    const w = createWorld({ rotateRefreshTokens: true, blacklistAfterRotation: true });
    const client = await w.create();
    const seen = new Set([client.manager.peek()?.refreshToken]);
    for (let i = 0; i < 5; i++) {
      w.clock.advance(300_000);
      await client.tasks();
      seen.add(client.manager.peek()?.refreshToken);
    }
    expect(seen.size).toBe(6);
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 5, failedRefreshes: 0 });
  });

  it('on: the rotated refresh token gets a full new lifetime', async () => {
    const w = createWorld({ rotateRefreshTokens: true });
    const client = await w.create();
    w.clock.advance(80_000_000);
    await client.tasks();
    expect(client.manager.peek()?.refreshExpiresAt).toBe(w.clock.now() + 86_400_000);
    w.clock.advance(80_000_000);
    await client.tasks();
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 2 });
  });
});

describe('persistence', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('a restarted process refreshes from the file (no login), and the file is 0600', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evrim-'));
    dirs.push(dir);
    const path = join(dir, 'sessions.json');
    const w = createWorld();
    const first = await w.create({ store: new FileStore({ path }) });
    await first.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    w.clock.advance(3_600_000);
    const restarted = await w.create({ store: new FileStore({ path }) });
    await restarted.tasks();
    expect(w.cloud.counts).toMatchObject({ logins: 1, refreshes: 1 });
  });

  it('stores with expiry keep the session as long as the refresh token lives', async () => {
    const calls: Array<StoreSetOptions | undefined> = [];
    const inner = new MemoryStore();
    const recording: TokenStore = {
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
      withLock: (key, fn) => inner.withLock(key, fn),
      set: (key, value, options) => {
        calls.push(options);
        return inner.set(key, value, options);
      },
    };
    const w = createWorld();
    const client = await w.create({ store: recording });
    expect(client.manager.store).toBe(recording);
    expect(calls.at(-1)?.expiresAt).toBe(w.clock.now() + 86_400_000);
    // A token-only session (no refresh token) is worth keeping only while its access token lives.
    const { access } = await w.login();
    await w.fromToken({ token: access, store: recording });
    expect(calls.at(-1)?.expiresAt).toBe(w.clock.now() + 300_000);
  });
});
