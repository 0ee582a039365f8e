// One process of bench/tado-quota.mjs: polls `me()` one call after another, past the quota.
import { FileStore, MemoryStore } from '../packages/auth-core/dist/index.js';
import { Tado } from '../packages/tado/dist/index.js';

const shared = new FileStore({ path: process.env.TOKENWISE_STORE_PATH });
let store = shared;
if (process.env.QUOTA_MODE === 'naive') {
  // Same session, but nothing else shared: each process learns about the quota on its own.
  store = new MemoryStore();
  await store.set('tado:default', await shared.get('tado:default'));
}
const client = new Tado({ baseUrl: process.env.TADO_URL, store, env: {} });
const counts = { ok: 0, refused: 0, after429: 0, other: 0 };
for (let i = 0; i < Number(process.env.QUOTA_CALLS ?? 25); i++) {
  try {
    await client.me();
    counts.ok++;
  } catch (error) {
    // fromStore: refused here, nothing sent; otherwise the answer was tado's 429.
    if (error?.code === 'TOKENWISE_RATE_LIMITED') counts[error.fromStore ? 'refused' : 'after429']++;
    else counts.other++;
  }
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
await client.close();
