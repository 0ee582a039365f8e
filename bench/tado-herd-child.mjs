// One process of bench/tado-herd.mjs: 50 concurrent calls with no person at hand (no onDeviceCode).
import { FileStore, MemoryStore } from '../packages/auth-core/dist/index.js';
import { Tado } from '../packages/tado/dist/index.js';

const path = process.env.TOKENWISE_STORE_PATH;
const calls = Number(process.env.HERD_CALLS ?? 50);
const shared = new FileStore({ path });
let store = shared;
if (process.env.HERD_MODE === 'naive') {
  // Two apps sharing a token file: each loads the same refresh token and keeps its own copy.
  store = new MemoryStore();
  await store.set('tado:default', await shared.get('tado:default'));
}
const client = new Tado({ baseUrl: process.env.TADO_URL, store, env: {} });
const results = await Promise.allSettled(Array.from({ length: calls }, () => client.me()));
const failed = results.filter((r) => r.status === 'rejected').length;
process.stdout.write(`${JSON.stringify({ ...client.manager.stats, failed })}\n`);
await client.close();
