import { type ChildProcess, fork, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../src/store/file-store.js';
import {
  FakeClock,
  ReferenceClient,
  ReferenceCloud,
  runProcesses,
  startLoopbackServer,
} from '../src/testing/index.js';

const holdLock = fileURLToPath(new URL('./fixtures/hold-lock.mjs', import.meta.url));
const contender = fileURLToPath(new URL('./fixtures/lock-contender.mjs', import.meta.url));
const referenceChild = fileURLToPath(new URL('./fixtures/reference-child.mjs', import.meta.url));

const WAITERS = 8;
const IN_PROCESS_ROUNDS = 20;
const PROCESS_ROUNDS = 12;
const FULL_FLOW_ROUNDS = 1;
const KEY = 'reference:demo@example.com';

let dir: string;
let storePath: string;
/** The key lock directory exactly as a holder killed with SIGKILL left it. */
let deadLockTemplate: string;
let keyLockName: string;

/** Runs the hold-lock fixture, kills it with SIGKILL while it holds `KEY`, and keeps a copy of what it left. */
async function leaveDeadHolderLock(path: string): Promise<string> {
  const child = spawn(process.execPath, [holdLock], {
    env: { ...process.env, TOKENWISE_STORE_PATH: path, LOCK_KEY: KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
  });
  child.kill('SIGKILL');
  await exited;
  const names = (await readdir(join(path, '..'))).filter((n) => n.endsWith('.lock'));
  expect(names).toHaveLength(1);
  return names[0] ?? '';
}

/**
 * Puts the dead holder's lock in place for a round. `aged`: it died long
 * enough ago that the lock is also stale by age (every waiter judges it stale
 * at once); otherwise only its dead pid tells.
 */
async function placeDeadLock(path: string, aged: boolean): Promise<void> {
  const lock = join(path, '..', keyLockName);
  await rm(lock, { recursive: true, force: true });
  await cp(deadLockTemplate, lock, { recursive: true, preserveTimestamps: true });
  const when = new Date(Date.now() - (aged ? 60_000 : 0));
  await utimes(lock, when, when);
}

interface Interval {
  holder: string;
  overlapped: boolean;
}

/** Reads enter/exit lines in file order (O_APPEND makes it the true order) and flags every overlap. */
function intervals(lines: string[]): Interval[] {
  const out: Interval[] = [];
  let inside: Interval | undefined;
  for (const line of lines) {
    const [kind, holder = ''] = line.split(' ');
    if (kind === 'enter') {
      const entered = { holder, overlapped: inside !== undefined };
      if (inside) inside.overlapped = true;
      out.push(entered);
      inside = entered;
    } else if (kind === 'exit') {
      if (inside?.holder !== holder) {
        const open = out.find((i) => i.holder === holder);
        if (open) open.overlapped = true;
      }
      inside = inside?.holder === holder ? undefined : inside;
    }
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenwise-takeover-'));
  storePath = join(dir, 'sessions.json');
  keyLockName = await leaveDeadHolderLock(storePath);
  deadLockTemplate = join(dir, 'dead-holder-template');
  await cp(join(dir, keyLockName), deadLockTemplate, { recursive: true, preserveTimestamps: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a dead holder’s lock', () => {
  it('is taken over at once when its holder ran on this host and its process is gone, not after lockStaleMs', async () => {
    await placeDeadLock(storePath, false);
    // Waiting for staleness by age would need 10 minutes; the wait allowed is 10 s.
    const store = new FileStore({ path: storePath, lockStaleMs: 600_000, lockWaitMs: 10_000 });
    expect(await store.withLock(KEY, async () => 'taken over')).toBe('taken over');
  });

  it('is still taken over when a waiter died holding the claim to remove it (and the claim of that claim)', async () => {
    await placeDeadLock(storePath, false);
    const lock = join(storePath, '..', keyLockName);
    const { id } = JSON.parse(await readFile(join(lock, 'owner.json'), 'utf8')) as { id: string };
    // Claims are lock directories too; a SIGKILLed claimer leaves one like the dead holder's.
    await cp(deadLockTemplate, `${lock}.claim-${id}`, { recursive: true });
    await cp(deadLockTemplate, `${lock}.claim-${id}.claim-${id}`, { recursive: true });
    const stores = Array.from(
      { length: WAITERS },
      () => new FileStore({ path: storePath, lockWaitMs: 10_000 }),
    );
    const results = await Promise.all(stores.map((store) => store.withLock(KEY, async () => 'in')));
    expect(results).toEqual(stores.map(() => 'in'));
    await stores[0]?.set('x:y', 1);
    expect(
      (await readdir(dir)).filter((name) => name.includes('.claim-') || name.includes('.gone-')),
    ).toEqual([]);
  });
});

describe('a dead holder’s lock met by 8 waiters at once', () => {
  it(`${WAITERS} FileStore instances in one process: one holder at a time, no error, ${IN_PROCESS_ROUNDS} rounds`, async () => {
    const failures: string[] = [];
    let overlapRounds = 0;
    for (let round = 0; round < IN_PROCESS_ROUNDS; round++) {
      await placeDeadLock(storePath, round % 2 === 0);
      const lines: string[] = [];
      const stores = Array.from(
        { length: WAITERS },
        () => new FileStore({ path: storePath, lockStaleMs: 2000 }),
      );
      const results = await Promise.allSettled(
        stores.map((store, i) =>
          store.withLock(KEY, async () => {
            lines.push(`enter ${i}`);
            await new Promise((resolve) => setTimeout(resolve, 2));
            lines.push(`exit ${i}`);
          }),
        ),
      );
      for (const r of results) if (r.status === 'rejected') failures.push(String(r.reason));
      const held = intervals(lines);
      if (held.some((i) => i.overlapped)) overlapRounds++;
      if (held.length !== WAITERS) failures.push(`round ${round}: ${held.length} of ${WAITERS} got the lock`);
    }
    expect({ overlapRounds, failures }).toEqual({ overlapRounds: 0, failures: [] });
  });

  it(`${WAITERS} real processes: one holder at a time, no ENOENT or StoreError, ${PROCESS_ROUNDS} rounds`, async () => {
    const children: ChildProcess[] = [];
    const replies: Array<
      (message: { round?: number; ok?: boolean; error?: string; ready?: boolean }) => void
    > = [];
    try {
      await Promise.all(
        Array.from({ length: WAITERS }, (_, index) => {
          const child = fork(contender, [], {
            env: { ...process.env, TOKENWISE_CHILD_INDEX: String(index) },
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          children.push(child);
          child.on('message', (m) => replies[index]?.(m as never));
          return new Promise<void>((resolve) => {
            replies[index] = (m) => {
              if (m.ready) resolve();
            };
          });
        }),
      );
      const failures: string[] = [];
      let overlapRounds = 0;
      for (let round = 0; round < PROCESS_ROUNDS; round++) {
        await placeDeadLock(storePath, round % 2 === 0);
        const log = join(dir, `round-${round}.log`);
        const done = children.map(
          (_, index) =>
            new Promise<void>((resolve) => {
              replies[index] = (m) => {
                if (m.round !== round) return;
                if (!m.ok) failures.push(`round ${round} process ${index}: ${m.error}`);
                resolve();
              };
            }),
        );
        for (const child of children) child.send({ path: storePath, key: KEY, log, holdMs: 3, round });
        await Promise.all(done);
        const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
        const held = intervals(lines);
        if (held.some((i) => i.overlapped)) overlapRounds++;
        if (held.length !== WAITERS)
          failures.push(`round ${round}: ${held.length} of ${WAITERS} got the lock`);
      }
      expect({ overlapRounds, failures }).toEqual({ overlapRounds: 0, failures: [] });
    } finally {
      for (const child of children) if (child.connected) child.send({ type: 'stop' });
      await Promise.all(
        children.map((child) =>
          child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
        ),
      );
    }
  });

  it(`full flow: ${WAITERS} processes with an expired session and the dead holder’s session lock renew exactly once`, async () => {
    for (let round = 0; round < FULL_FLOW_ROUNDS; round++) {
      const clock = new FakeClock(Date.now() - 3 * 3_600_000);
      const cloud = new ReferenceCloud({ clock, accessTtlMs: 3_600_000 });
      const seed = new ReferenceClient({
        baseUrl: 'https://reference.test',
        username: 'demo@example.com',
        password: 'demo-password',
        clock,
        store: new FileStore({ path: storePath }),
        fetch: async (input, init) => cloud.handler(new Request(input, init)),
      });
      await seed.items();
      clock.set(Date.now());
      await placeDeadLock(storePath, round % 2 === 0);
      const before = cloud.counts.logins + cloud.counts.refreshes;
      const server = await startLoopbackServer(cloud.handler);
      try {
        const results = await runProcesses(referenceChild, WAITERS, {
          REFERENCE_URL: server.url,
          TOKENWISE_STORE_PATH: storePath,
        });
        expect(results.map((r) => `${r.code} ${r.stderr.trim()}`)).toEqual(results.map(() => '0 '));
        expect(cloud.counts.logins + cloud.counts.refreshes - before).toBe(1);
      } finally {
        await server.close();
      }
    }
  });
});
