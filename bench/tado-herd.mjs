// tado-herd: 8 processes x 50 concurrent calls share one tado account whose 10-minute access token
// has just expired. tado's refresh tokens are single use: every extra refresh with the same token
// earns 400 invalid_grant and, for that program, a browser login. Counts what reached the
// simulator with tokenwise (one FileStore, its lock) and naively (each process its own MemoryStore
// seeded with the same refresh token, as two apps sharing a token file do).
// Build first: pnpm --filter @tokenwise/tado build; then: node bench/tado-herd.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from '../packages/auth-core/dist/index.js';
import { runProcesses } from '../packages/auth-core/dist/reference-kit.js';
import { Tado } from '../packages/tado/dist/index.js';
import { FakeClock, startLoopbackServer, TadoCloud } from '../packages/tado/dist/mock.js';

const PROCESSES = 8;
const CALLS = 50;
const child = fileURLToPath(new URL('./tado-herd-child.mjs', import.meta.url));

async function herd(mode) {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-tado-herd-'));
  const path = join(dir, 'sessions.json');
  // The session was minted 11 minutes ago: its access token (10 min) has just expired.
  const clock = new FakeClock(Date.now() - 11 * 60_000);
  const cloud = new TadoCloud({ clock, interval: 0 });
  const seed = new Tado({
    baseUrl: 'http://seed.invalid',
    store: new FileStore({ path }),
    clock,
    env: {},
    onDeviceCode: (code) => void cloud.approve(code.userCode),
    fetch: async (input, init) => cloud.handler(new Request(input, init)),
  });
  await seed.me();
  await seed.close();
  clock.set(Date.now());
  const before = { ...cloud.counts };
  const server = await startLoopbackServer(cloud.handler);
  try {
    const results = await runProcesses(child, PROCESSES, {
      TADO_URL: server.url,
      TOKENWISE_STORE_PATH: path,
      HERD_MODE: mode,
      HERD_CALLS: String(CALLS),
    });
    const failed = results.reduce((n, r) => n + (r.code === 0 ? JSON.parse(r.stdout).failed : CALLS), 0);
    return {
      refreshes: cloud.counts.refreshes - before.refreshes,
      invalidGrants: cloud.counts.invalidGrants - before.invalidGrants,
      logins: cloud.counts.logins - before.logins,
      failedCalls: failed,
    };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runTadoHerd() {
  const locked = await herd('locked');
  const naive = await herd('naive');
  const line = (label, r) =>
    `  ${label} ${r.refreshes} refresh(es), ${r.invalidGrants} invalid_grant, ${r.logins} logins, ${r.failedCalls}/${PROCESSES * CALLS} failed calls`;
  console.log(`tado herd (${PROCESSES} processes x ${CALLS} concurrent calls, access token just expired)`);
  console.log(line('tokenwise (one FileStore, lock):', locked));
  console.log(line('naive (own MemoryStore each):   ', naive));
  console.log(
    `  goals: refreshes 1, invalid_grant 0, failed 0. naive/tokenwise refreshes ${(
      (naive.refreshes + naive.invalidGrants) / Math.max(1, locked.refreshes)
    ).toFixed(1)}x attempts, failed-call ratio ${(naive.failedCalls / (PROCESSES * CALLS)).toFixed(2)} vs ${(
      locked.failedCalls / (PROCESSES * CALLS)
    ).toFixed(2)}`,
  );
  return { locked, naive };
}

if (import.meta.url === `file://${process.argv[1]}`) await runTadoHerd();
