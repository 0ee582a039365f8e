// tado-quota: 8 processes poll one tado account (shared daily quota) well past its end. tado
// answers every REST call with `ratelimit: "perday";r=<left>` (and `t=<s>` once spent) and a 429
// once the quota is gone; a 429 does not refill it, it only proves a request was wasted. Counts
// the requests that reached the simulator after the quota was spent, with auth-core's shared
// request quota (one FileStore) and naively (each process its own MemoryStore, so its own quota).
// Build first: pnpm --filter @tokenwise/tado build; then: node bench/tado-quota.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from '../packages/auth-core/dist/index.js';
import { runProcesses } from '../packages/auth-core/dist/reference-kit.js';
import { Tado } from '../packages/tado/dist/index.js';
import { startLoopbackServer, TadoCloud } from '../packages/tado/dist/mock.js';

const PROCESSES = 8;
const CALLS = 25;
const QUOTA = 60;
const child = fileURLToPath(new URL('./tado-quota-child.mjs', import.meta.url));

async function poll(mode) {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-tado-quota-'));
  const path = join(dir, 'sessions.json');
  const cloud = new TadoCloud({ interval: 0, dailyQuota: QUOTA });
  const seed = new Tado({
    baseUrl: 'http://seed.invalid',
    store: new FileStore({ path }),
    env: {},
    onDeviceCode: (code) => void cloud.approve(code.userCode),
    fetch: async (input, init) => cloud.handler(new Request(input, init)),
  });
  await seed.login();
  await seed.close();
  const server = await startLoopbackServer(cloud.handler);
  try {
    const results = await runProcesses(child, PROCESSES, {
      TADO_URL: server.url,
      TOKENWISE_STORE_PATH: path,
      QUOTA_MODE: mode,
      QUOTA_CALLS: String(CALLS),
    });
    const sum = (field) => results.reduce((n, r) => n + (r.code === 0 ? JSON.parse(r.stdout)[field] : 0), 0);
    return {
      ok: sum('ok'),
      refusedLocally: sum('refused'),
      rateLimitedCalls: sum('after429'),
      otherErrors: sum('other') + results.filter((r) => r.code !== 0).length * CALLS,
      reachedAfterSpent: cloud.counts.quotaRejected,
    };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runTadoQuota() {
  const shared = await poll('shared');
  const naive = await poll('naive');
  const line = (label, r) =>
    `  ${label} ${r.ok} answered, ${r.refusedLocally} refused locally, ${r.reachedAfterSpent} reached tado after the quota was spent (429), ${r.otherErrors} other errors`;
  console.log(`tado quota (${PROCESSES} processes x ${CALLS} calls, daily quota ${QUOTA})`);
  console.log(line('tokenwise (shared quota, one FileStore):', shared));
  console.log(line('naive (own MemoryStore each):           ', naive));
  console.log(
    `  goal: 0 requests after the quota is spent; naive/tokenwise wasted requests ${naive.reachedAfterSpent}/${shared.reachedAfterSpent}`,
  );
  return { shared, naive };
}

if (import.meta.url === `file://${process.argv[1]}`) await runTadoQuota();
