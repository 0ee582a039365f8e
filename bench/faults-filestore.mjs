// faults-filestore: what a crash does to the FileStore.
// - A holder killed with SIGKILL leaves its lock; 8 waiters meet it at once (FileStore
//   instances in one process, then real processes): rounds where two were inside the
//   lock together, and waiters that failed (StoreError ... ENOENT before the fix).
// - The full flow: 8 processes, an expired session, the dead holder's session lock:
//   renewals per round (the promise: exactly one).
// - kill -9 during writes: temp files left beside the session file (each a copy with
//   the refresh token), before and after the next write (what `tokenwise logout` does).
// Rounds: FAULTS_IN_PROCESS (200), FAULTS_PROCESSES (40), FAULTS_FULL_FLOW (10), FAULTS_KILLS (30).
import { fork, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from '@tokenwise/auth-core';
import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/mock';
import { ReferenceClient, ReferenceCloud, runProcesses } from '@tokenwise/auth-core/reference';

const child = fileURLToPath(new URL('./faults-filestore-child.mjs', import.meta.url));
const herdChild = fileURLToPath(new URL('./herd-child.mjs', import.meta.url));
const WAITERS = 8;
const KEY = 'reference:demo@example.com';
const rounds = (name, fallback) => Number(process.env[name] ?? fallback);

function start(mode, env, ready) {
  const proc = spawn(process.execPath, [child], {
    env: { ...process.env, ...env, FAULT_MODE: mode },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const started = new Promise((resolve, reject) => {
    proc.stdout.on('data', (chunk) => chunk.toString().includes(ready) && resolve());
    proc.once('exit', (code) => reject(new Error(`${mode} child exited early (${code})`)));
  });
  return { proc, exited, started };
}

/** The key lock exactly as a SIGKILLed holder left it, copied to `template`. */
async function deadHolderLock(path, template) {
  const holder = start('hold', { TOKENWISE_STORE_PATH: path, FAULT_KEY: KEY }, 'locked');
  await holder.started;
  holder.proc.kill('SIGKILL');
  await holder.exited;
  const name = (await readdir(join(path, '..'))).find((n) => n.endsWith('.lock'));
  await cp(join(path, '..', name), template, { recursive: true, preserveTimestamps: true });
  return join(path, '..', name);
}

async function placeDeadLock(lock, template, aged) {
  await rm(lock, { recursive: true, force: true });
  await cp(template, lock, { recursive: true, preserveTimestamps: true });
  const when = new Date(Date.now() - (aged ? 60_000 : 0));
  await utimes(lock, when, when);
}

function overlapped(lines) {
  let inside;
  for (const line of lines) {
    const [kind, who] = line.split(' ');
    if (kind === 'enter') {
      if (inside !== undefined) return true;
      inside = who;
    } else if (kind === 'exit') {
      if (inside !== who) return true;
      inside = undefined;
    }
  }
  return false;
}

async function inProcess(dir, n) {
  const path = join(dir, 'in-process.json');
  const lock = await deadHolderLock(path, join(dir, 'template-a'));
  const result = { rounds: n, overlapRounds: 0, failed: 0, enoent: 0 };
  for (let round = 0; round < n; round++) {
    await placeDeadLock(lock, join(dir, 'template-a'), round % 2 === 0);
    const lines = [];
    const settled = await Promise.allSettled(
      Array.from({ length: WAITERS }, (_, i) =>
        new FileStore({ path, lockStaleMs: 2000 }).withLock(KEY, async () => {
          lines.push(`enter ${i}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
          lines.push(`exit ${i}`);
        }),
      ),
    );
    if (overlapped(lines)) result.overlapRounds++;
    for (const s of settled) {
      if (s.status === 'rejected') {
        result.failed++;
        if (String(s.reason?.message).includes('ENOENT')) result.enoent++;
      }
    }
  }
  return result;
}

async function realProcesses(dir, n) {
  const path = join(dir, 'processes.json');
  const lock = await deadHolderLock(path, join(dir, 'template-b'));
  const result = { rounds: n, overlapRounds: 0, failed: 0, enoent: 0 };
  const handlers = [];
  const children = await Promise.all(
    Array.from({ length: WAITERS }, (_, index) => {
      const proc = fork(child, [], {
        env: {
          ...process.env,
          FAULT_MODE: 'contend',
          TOKENWISE_STORE_PATH: path,
          TOKENWISE_CHILD_INDEX: `${index}`,
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      proc.on('message', (m) => handlers[index]?.(m));
      return new Promise((resolve) => {
        handlers[index] = (m) => m.ready && resolve(proc);
      });
    }),
  );
  for (let round = 0; round < n; round++) {
    await placeDeadLock(lock, join(dir, 'template-b'), round % 2 === 0);
    const log = join(dir, `round-${round}.log`);
    const done = children.map(
      (_, index) =>
        new Promise((resolve) => {
          handlers[index] = (m) => {
            if (m.round !== round) return;
            if (!m.ok) {
              result.failed++;
              if (m.error.includes('ENOENT')) result.enoent++;
            }
            resolve();
          };
        }),
    );
    for (const proc of children) proc.send({ key: KEY, log, round });
    await Promise.all(done);
    const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    if (overlapped(lines)) result.overlapRounds++;
  }
  for (const proc of children) proc.send({ type: 'stop' });
  return result;
}

async function fullFlow(dir, n) {
  const path = join(dir, 'full-flow.json');
  const lock = await deadHolderLock(path, join(dir, 'template-c'));
  const result = { rounds: n, notExactlyOneRenewal: 0, failedCalls: 0 };
  for (let round = 0; round < n; round++) {
    const clock = new FakeClock(Date.now() - 3 * 3_600_000);
    const cloud = new ReferenceCloud({ clock, accessTtlMs: 3_600_000 });
    const seed = new ReferenceClient({
      baseUrl: 'http://seed.invalid',
      username: 'demo@example.com',
      password: 'demo-password',
      clock,
      store: new FileStore({ path }),
      fetch: async (input, init) => cloud.handler(new Request(input, init)),
    });
    await seed.items();
    clock.set(Date.now());
    await placeDeadLock(lock, join(dir, 'template-c'), round % 2 === 0);
    const before = cloud.counts.logins + cloud.counts.refreshes;
    const server = await startLoopbackServer(cloud.handler);
    try {
      // herd-child: 50 concurrent calls per process through a FileStore at TOKENWISE_STORE_PATH.
      const results = await runProcesses(herdChild, WAITERS, {
        REFERENCE_URL: server.url,
        TOKENWISE_STORE_PATH: path,
        HERD_MODE: 'locked',
      });
      for (const r of results) result.failedCalls += r.code === 0 ? JSON.parse(r.stdout).failed : 50;
      if (cloud.counts.logins + cloud.counts.refreshes - before !== 1) result.notExactlyOneRenewal++;
    } finally {
      await server.close();
    }
  }
  return result;
}

async function killDuringWrites(dir, kills) {
  const path = join(dir, 'sessions.json');
  const tempFiles = async () =>
    (await readdir(dir)).filter((name) => /^sessions\.json\.(tmp-.*|\d+)$/.test(name)).length;
  let unparseable = 0;
  let mostSeen = 0;
  for (let i = 0; i < kills; i++) {
    const writer = start('write', { TOKENWISE_STORE_PATH: path }, 'ready');
    await writer.started;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 40));
    writer.proc.kill('SIGKILL');
    await writer.exited;
    try {
      JSON.parse(await readFile(path, 'utf8'));
    } catch {
      unparseable++;
    }
    mostSeen = Math.max(mostSeen, await tempFiles());
  }
  const afterKills = await tempFiles();
  await new FileStore({ path }).delete('reference:demo@example.com');
  return { kills, unparseable, mostSeen, afterKills, afterLogout: await tempFiles() };
}

const dir = await mkdtemp(join(tmpdir(), 'tokenwise-faults-fs-'));
try {
  const a = await inProcess(dir, rounds('FAULTS_IN_PROCESS', 200));
  console.log(
    `dead holder's lock, ${WAITERS} FileStore instances in one process (half the rounds stale by age, half by dead pid)`,
  );
  console.log(
    `  before (issue 12): two holders inside in 35 of 200 rounds; 43 of 1,600 waiters failed with StoreError ... .lock: ENOENT`,
  );
  console.log(
    `  now: two holders inside in ${a.overlapRounds} of ${a.rounds} rounds; ${a.failed} of ${a.rounds * WAITERS} waiters failed (${a.enoent} ENOENT)`,
  );
  const b = await realProcesses(dir, rounds('FAULTS_PROCESSES', 40));
  console.log(`dead holder's lock, ${WAITERS} real processes`);
  console.log('  before (issue 12): two holders inside in 7 of 40 rounds');
  console.log(
    `  now: two holders inside in ${b.overlapRounds} of ${b.rounds} rounds; ${b.failed} of ${b.rounds * WAITERS} waiters failed (${b.enoent} ENOENT)`,
  );
  const c = await fullFlow(dir, rounds('FAULTS_FULL_FLOW', 10));
  console.log(`full flow: ${WAITERS} processes x 50 calls, expired session, dead holder's session lock`);
  console.log(
    '  before (issue 12): a refresh and a password login both ran (and a call failed) in 3 of 30 rounds',
  );
  console.log(
    `  now: not exactly one renewal in ${c.notExactlyOneRenewal} of ${c.rounds} rounds; ${c.failedCalls} failed calls`,
  );
  await mkdir(join(dir, 'kills'));
  const d = await killDuringWrites(join(dir, 'kills'), rounds('FAULTS_KILLS', 30));
  console.log(`kill -9 during writes (${d.kills} kills)`);
  console.log(
    '  before (issue 12): the file always parsed; 9 orphan temp files (0600, each with a refresh token) piled up; 7 left after logout --all',
  );
  console.log(
    `  now: ${d.unparseable} unparseable; temp files beside the file: at most ${d.mostSeen} at any time, ${d.afterKills} after the last kill, ${d.afterLogout} after the next write (logout)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
