import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcesses, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { FileStore, MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  EvohomeClient,
  EvohomeV2Client,
  isTokenwiseError,
  RateLimitError,
} from '../src/index.js';
import { childScript, createCloud, demoOptions } from './harness.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evohome-shared-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('many instances of one account, with the real 10 s login throttle', () => {
  it('two idle clients in one process waking together cost one login and no 429', async () => {
    const world = createCloud();
    const store = new MemoryStore();
    const a = new EvohomeClient(demoOptions(world, store));
    const b = new EvohomeClient(demoOptions(world, store));
    await a.temperatures();
    await b.temperatures();
    expect(world.cloud.counts.logins).toBe(1);

    world.clock.advance(60 * 60_000);
    await Promise.all([a.temperatures(), b.temperatures(), a.temperatures(), b.temperatures()]);
    expect(world.cloud.counts.logins).toBe(2);
    expect(world.cloud.counts.rateLimited).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('4 processes sharing a FileStore re-authenticating at the same moment: one login, zero 429s', async () => {
    const world = createCloud();
    world.clock.set(Date.now());
    const server = await startLoopbackServer(world.cloud.handler);
    try {
      const results = await runProcesses(childScript, 4, {
        TOKENWISE_EVOHOME_URL: server.url,
        TOKENWISE_STORE_PATH: join(dir, 'sessions.json'),
        EVOHOME_API: 'v1',
      });
      for (const result of results) expect(`${result.code} ${result.stderr}`).toBe('0 ');
      expect(world.cloud.counts.logins).toBe(1);
      expect(world.cloud.counts.rateLimited).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a 429 on a V2 login stops V1 logins of the account for the lock-out too', async () => {
    const world = createCloud();
    const store = new FileStore({ path: join(dir, 'sessions.json') });
    const v2 = new EvohomeV2Client(demoOptions(world, store));
    const v1 = new EvohomeClient(demoOptions(world, store));
    world.cloud.rateLimitNextLogin();
    const first = await failureOf(v2.userAccount());
    expect(first).toBeInstanceOf(RateLimitError);
    // No Retry-After from evohome: the configured 10 min lock-out applies.
    expect((first as RateLimitError).retryAfterMs).toBe(600_000);

    const attempts = world.cloud.counts.rateLimited + world.cloud.counts.logins;
    const shared = await failureOf(v1.temperatures());
    expect(isTokenwiseError(shared, ErrorCodes.RateLimitError)).toBe(true);
    expect((shared as RateLimitError).fromStore).toBe(true);
    expect(world.cloud.counts.rateLimited + world.cloud.counts.logins).toBe(attempts);

    world.clock.advance(600_000 + 1_000);
    await v1.temperatures();
    // The vendor would refuse a second login of the account within 10 s, whichever API.
    world.clock.advance(11_000);
    await v2.userAccount();
    expect(world.cloud.counts.logins).toBe(2);
    await Promise.all([v1.close(), v2.close()]);
  });

  it('a V1 and a V2 client of one account started together: the second login waits locally, never a 429', async () => {
    const world = createCloud();
    const store = new FileStore({ path: join(dir, 'sessions.json') });
    const v1 = new EvohomeClient(demoOptions(world, store));
    const v2 = new EvohomeV2Client(demoOptions(world, store));
    await v1.temperatures();
    world.clock.advance(3_000);
    const early = await failureOf(v2.userAccount());
    expect(early).toBeInstanceOf(RateLimitError);
    expect((early as RateLimitError).retryAfterMs).toBe(7_000);
    // The vendor never saw the early attempt, so the account is not locked out.
    expect(world.cloud.counts.rateLimited).toBe(0);
    expect(world.cloud.lockedForMs('demo@example.com')).toBe(0);
    expect(world.cloud.counts.logins).toBe(1);
    // Calls with a live session are never held back.
    await v1.temperatures();
    world.clock.advance(7_000);
    await v2.userAccount();
    expect(world.cloud.counts.logins).toBe(2);
    expect(world.cloud.counts.rateLimited).toBe(0);
    await Promise.all([v1.close(), v2.close()]);
  });

  it('honours a configured lock-out and the real throttle (two logins within 10 s)', async () => {
    const world = createCloud();
    const lonely = new EvohomeClient({ ...demoOptions(world), loginLockoutMs: 900_000 });
    const other = new EvohomeV2Client({ ...demoOptions(world), loginLockoutMs: 900_000 });
    await lonely.temperatures();
    // A separate store, so nothing coordinates: the vendor itself refuses the second login.
    const error = await failureOf(other.userAccount());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(900_000);
    expect(world.cloud.lockedForMs('demo@example.com')).toBe(600_000);
    // Calls with a live session are never throttled.
    await lonely.temperatures();
    await Promise.all([lonely.close(), other.close()]);
  });
});
