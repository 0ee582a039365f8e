import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../packages/store-redis/test/helpers/redis-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = fileURLToPath(new URL('../compose-vendors.ts', import.meta.url));

/** Runs the example as a user would (`tsx examples/compose-vendors.ts [redis]`). */
function runExample(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', example, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function expectOneLoginPerVendorThenRestores(out: string): void {
  const [first, second] = out.split(/^run 2:/m);
  for (const vendor of ['evohome', 'vesync', 'navien', 'cozify']) {
    expect(first).toMatch(new RegExp(`^  ${vendor} +login$`, 'm'));
    expect(second).toMatch(new RegExp(`^  ${vendor} +restore$`, 'm'));
    expect(second).not.toMatch(new RegExp(`^  ${vendor} +login$`, 'm'));
  }
  expect(out).toContain('vendor logins in both runs: 4 (one per vendor)');
}

describe('examples/compose-vendors.ts', () => {
  it('runs four vendors on one FileStore: one login each, a restart restores all', () => {
    const { code, out } = runExample([]);
    expect(out).toContain('store: FileStore');
    expectOneLoginPerVendorThenRestores(out);
    expect(code).toBe(0);
  });

  describe('on a RedisStore', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('runs the same program on Redis with the same outcome', () => {
      const { code, out } = runExample(['redis'], { REDIS_URL: redis.url });
      expect(out).toContain('store: RedisStore');
      expectOneLoginPerVendorThenRestores(out);
      expect(code).toBe(0);
    });
  });
});
