import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type LoopbackServer,
  type ProcessResult,
  ReferenceCloud,
  runProcess,
  runProcesses,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import { SESSION_SCHEMA_VERSION, type SessionManagerStats } from '@tokenwise/auth-core/vendor';
import { beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { useRedis } from './helpers/use-redis.js';

const childScript = fileURLToPath(new URL('./fixtures/fleet-child.mjs', import.meta.url));
const SESSION_KEY = 'reference:demo@example.com';

const redis = useRedis();
beforeAll(() => {
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
    throw new Error(
      'The fleet tests run child processes on the built package: pnpm --filter @tokenwise/store-redis build',
    );
  }
});

function statsOf(results: ProcessResult[]): SessionManagerStats[] {
  return results.map((result) => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout.replace(/^ok /, '')) as SessionManagerStats;
  });
}

describe('RedisStore across processes', () => {
  it('8 processes × 50 concurrent calls on an expired session log in exactly once', async () => {
    const cloud = new ReferenceCloud();
    await using server = await startLoopbackServer(cloud.handler);
    const prefix = `fleet:${randomUUID()}:`;
    // An expired session whose refresh token the cloud does not know: the only way on is a login.
    await using seed = new RedisStore({ url: redis.url, prefix });
    const now = Date.now();
    await seed.set(SESSION_KEY, {
      schemaVersion: SESSION_SCHEMA_VERSION,
      session: {
        vendor: 'reference',
        account: 'demo@example.com',
        issuedAt: now - 7_200_000,
        expiresAt: now - 3_600_000,
        accessToken: 'expired-access-token',
        refreshToken: 'revoked-refresh-token',
      },
    });
    const results = await runProcesses(childScript, 8, {
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      REFERENCE_URL: server.url,
      CALLS: '50',
    });
    const stats = statsOf(results);
    expect(cloud.counts.logins).toBe(1);
    expect(stats.reduce((sum, s) => sum + s.logins, 0)).toBe(1);
    expect(cloud.counts.requests).toBe(400);
    expect(cloud.counts.rejectedRequests).toBe(0);
    expect(await redis.raw.exists(`${prefix}lock:${SESSION_KEY}`)).toBe(0);
  });

  it('a lock holder killed mid-login is taken over by another process once its lock TTL runs out', async () => {
    const cloud = new ReferenceCloud();
    let loginStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      loginStarted = resolve;
    });
    let hanging = true;
    // The victim's login reaches the cloud and never gets an answer (the cloud never counts it).
    const server: LoopbackServer = await startLoopbackServer(async (request) => {
      if (hanging && new URL(request.url).pathname.endsWith('/auth/login')) {
        hanging = false;
        loginStarted();
        return new Promise<Response>(() => undefined);
      }
      return cloud.handler(request);
    });
    const prefix = `fleet:${randomUUID()}:`;
    const env = {
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      REFERENCE_URL: server.url,
      LOCK_TTL_MS: '1000',
    };
    const victim = spawn(process.execPath, [childScript], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const victimExit = new Promise((resolve) => victim.once('exit', resolve));
    await started;
    victim.kill('SIGKILL');
    await victimExit;
    // The dead holder's lock is still there: the next process has to wait it out, not steal it.
    expect(await redis.raw.pttl(`${prefix}lock:${SESSION_KEY}`)).toBeGreaterThan(0);

    const [stats] = statsOf([await runProcess(childScript, env)]);
    expect(stats?.logins).toBe(1);
    expect(cloud.counts.logins).toBe(1);
    expect(await redis.raw.exists(`${prefix}lock:${SESSION_KEY}`)).toBe(0);
    await server.close();
  });
});
