// Fleet benchmark (not a test): how many logins N processes sharing one account
// make with each store, and what a RedisStore costs on the `manager.get()` hot
// path compared with a MemoryStore (goal ≈ 1.0: the hot path never touches Redis).
// Needs the packages built and `redis-server` on PATH; starts and stops its own
// Redis on a free 127.0.0.1 port. Run: node bench/fleet.mjs
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore, MemoryStore } from '@tokenwise/auth-core';
import { startLoopbackServer } from '@tokenwise/auth-core/mock';
import { ReferenceClient, ReferenceCloud, runProcesses } from '@tokenwise/auth-core/reference';
import { RedisStore } from '@tokenwise/store-redis';

const PROCESSES = 8;
const CALLS_PER_PROCESS = 20;
const HOT_CALLS = 200_000;
const HOT_ROUNDS = 5;

if (process.env.FLEET_CHILD) await child();
else await main();

/** One process of the fleet: CALLS_PER_PROCESS concurrent calls on the store named by FLEET_CHILD. */
async function child() {
  const store = createStore(process.env.FLEET_CHILD, process.env);
  const client = new ReferenceClient({
    baseUrl: process.env.REFERENCE_URL,
    username: 'demo@example.com',
    password: 'demo-password',
    store,
  });
  await Promise.all(Array.from({ length: CALLS_PER_PROCESS }, () => client.items()));
  await client.close();
  await store.close?.();
}

function createStore(kind, env) {
  if (kind === 'memory') return new MemoryStore();
  if (kind === 'file') return new FileStore({ path: env.FLEET_FILE });
  return new RedisStore({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX });
}

async function main() {
  const redis = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-fleet-'));
  try {
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: `bench:${randomUUID()}:`,
      FLEET_FILE: join(dir, 'sessions.json'),
    };
    console.log(`fleet: ${PROCESSES} processes × ${CALLS_PER_PROCESS} concurrent calls, one account`);
    for (const [kind, label, expected] of [
      ['memory', 'MemoryStore per process', `naive: ${PROCESSES}`],
      ['file', 'FileStore (one host)', 'goal: 1'],
      ['redis', 'RedisStore (any hosts)', 'goal: 1'],
    ]) {
      const logins = await fleetLogins(kind, env);
      console.log(`  logins, ${label.padEnd(24)} ${String(logins).padStart(3)}   (${expected})`);
    }
    const hot = await hotPath(env);
    console.log(`hot path: manager.get() on a valid session, ${HOT_ROUNDS} rounds × ${HOT_CALLS} calls`);
    console.log(
      `  MemoryStore ${hot.memoryNs.toFixed(1)} ns/call, RedisStore ${hot.redisNs.toFixed(1)} ns/call`,
    );
    console.log(
      `  ratio RedisStore / MemoryStore: ${(hot.redisNs / hot.memoryNs).toFixed(2)}   (goal ≈ 1.0)`,
    );
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fleetLogins(kind, env) {
  const cloud = new ReferenceCloud();
  const server = await startLoopbackServer(cloud.handler);
  try {
    const results = await runProcesses(fileURLToPath(import.meta.url), PROCESSES, {
      ...env,
      FLEET_CHILD: kind,
      REFERENCE_URL: server.url,
    });
    const failed = results.find((result) => result.code !== 0);
    if (failed) throw new Error(`a ${kind} process failed: ${failed.stderr.trim()}`);
    return cloud.counts.logins;
  } finally {
    await server.close();
  }
}

/** Median ns per `manager.get()` with each store, rounds interleaved so drift hits both alike. */
async function hotPath(env) {
  const cloud = new ReferenceCloud();
  const server = await startLoopbackServer(cloud.handler);
  const redisStore = new RedisStore({ url: env.REDIS_URL, prefix: `bench:${randomUUID()}:` });
  const managers = {};
  for (const [name, store] of [
    ['memory', new MemoryStore()],
    ['redis', redisStore],
  ]) {
    const client = new ReferenceClient({
      baseUrl: server.url,
      username: 'demo@example.com',
      password: 'demo-password',
      store,
    });
    await client.manager.get();
    managers[name] = client.manager;
  }
  const samples = { memory: [], redis: [] };
  for (let round = 0; round < HOT_ROUNDS + 1; round++) {
    for (const name of ['memory', 'redis']) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < HOT_CALLS; i++) await managers[name].get();
      const ns = Number(process.hrtime.bigint() - started) / HOT_CALLS;
      if (round > 0) samples[name].push(ns); // round 0 warms the JIT up
    }
  }
  await redisStore.close();
  await server.close();
  return { memoryNs: median(samples.memory), redisNs: median(samples.redis) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A throwaway redis-server on a free port; ready once a RedisStore can read through it. */
async function startRedis() {
  const port = await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const spawned = new Promise((resolve, reject) => {
    proc.once('spawn', resolve);
    proc.once('error', () =>
      reject(new Error('redis-server is not on PATH (apt-get install -y redis-server)')),
    );
  });
  await spawned;
  const url = `redis://127.0.0.1:${port}`;
  const probe = new RedisStore({ url });
  for (let attempt = 0; ; attempt++) {
    try {
      await probe.get('ready');
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await probe.close();
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  return {
    url,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
