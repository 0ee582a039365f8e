// herd: 8 processes x 50 concurrent calls start with an expired session in one FileStore.
// Counts what reached the vendor, with the store lock (tokenwise) and without it (naive).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from '@tokenwise/auth-core';
import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/mock';
import { ReferenceClient, ReferenceCloud, runProcesses } from '@tokenwise/auth-core/reference';

const PROCESSES = 8;
const child = fileURLToPath(new URL('./herd-child.mjs', import.meta.url));

async function herd(mode) {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-herd-'));
  const path = join(dir, 'sessions.json');
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
  const before = { logins: cloud.counts.logins, refreshes: cloud.counts.refreshes };
  const server = await startLoopbackServer(cloud.handler);
  try {
    const results = await runProcesses(child, PROCESSES, {
      REFERENCE_URL: server.url,
      TOKENWISE_STORE_PATH: path,
      HERD_MODE: mode,
    });
    const failed = results.reduce((n, r) => n + (r.code === 0 ? JSON.parse(r.stdout).failed : 50), 0);
    return {
      logins: cloud.counts.logins - before.logins,
      refreshes: cloud.counts.refreshes - before.refreshes,
      failedCalls: failed,
    };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runHerd() {
  const locked = await herd('locked');
  const naive = await herd('naive');
  const isolated = await herd('isolated');
  const renewals = (r) => r.logins + r.refreshes;
  console.log(`herd (${PROCESSES} processes x 50 concurrent calls, expired session, shared FileStore)`);
  console.log(
    `  tokenwise (store lock): ${locked.logins} logins + ${locked.refreshes} refreshes = ${renewals(locked)} renewal(s), ${locked.failedCalls} failed calls`,
  );
  console.log(
    `  naive (no store lock):  ${naive.logins} logins + ${naive.refreshes} refreshes = ${renewals(naive)} renewal(s), ${naive.failedCalls} failed calls`,
  );
  console.log(
    `  isolated (no shared store): ${isolated.logins} logins + ${isolated.refreshes} refreshes = ${renewals(isolated)} renewal(s), ${isolated.failedCalls} failed calls`,
  );
  const ratio = (r) => (renewals(r) / Math.max(1, renewals(locked))).toFixed(1);
  console.log(
    `  ratios: isolated/tokenwise ${ratio(isolated)}x, naive/tokenwise ${ratio(naive)}x (goal: tokenwise = 1; the unlocked file is racy, so its count varies run to run)`,
  );
  return { locked, naive, isolated };
}

if (import.meta.url === `file://${process.argv[1]}`) await runHerd();
