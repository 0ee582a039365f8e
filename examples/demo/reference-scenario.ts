import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FileStore } from '@tokenwise/auth-core';
import {
  FakeClock,
  ReferenceClient,
  ReferenceCloud,
  runProcess,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import {
  check,
  type DemoCheck,
  type DemoContext,
  type DemoScenario,
  type ScenarioResult,
} from './scenario.js';

const childScript = fileURLToPath(new URL('./child.mjs', import.meta.url));

/**
 * The core on its own, against the reference password + refresh-token cloud:
 * first run, restart, expiry, a burst of concurrent calls, a second process.
 */
export const referenceScenario: DemoScenario = {
  vendor: 'reference',
  async run(context: DemoContext): Promise<ScenarioResult> {
    const { log } = context;
    const checks: DemoCheck[] = [];
    const clock = new FakeClock(Date.now());
    const cloud = new ReferenceCloud({ clock, accessTtlMs: 3_600_000 });
    await using server = await startLoopbackServer(cloud.handler);
    log(`  mock cloud on ${server.url}`);
    const options = {
      baseUrl: server.url,
      username: 'demo@example.com',
      password: 'demo-password',
      clock,
      store: new FileStore({ path: context.storePath }),
    };

    await using first = new ReferenceClient(options);
    await first.items();
    const mode = ((await stat(context.storePath)).mode & 0o777).toString(8);
    check(
      checks,
      log,
      'first run logs in and stores the session',
      cloud.counts.logins === 1,
      `${cloud.counts.logins} login, stored in ${context.storePath} (mode ${mode})`,
    );

    await using restarted = new ReferenceClient({
      ...options,
      store: new FileStore({ path: context.storePath }),
    });
    await restarted.items();
    check(
      checks,
      log,
      'a restart restores the session',
      cloud.counts.logins === 1 && cloud.counts.refreshes === 0,
      `${restarted.manager.stats.restores} restore, 0 logins`,
    );

    // A real second process (real clock), before this process fast-forwards its clock.
    const child = await runProcess(childScript, {
      REFERENCE_URL: server.url,
      TOKENWISE_STORE_PATH: context.storePath,
    });
    const childStats = JSON.parse(child.stdout.trim() || '{}') as { logins?: number; restores?: number };
    check(
      checks,
      log,
      'a second process shares the session',
      child.code === 0 && childStats.logins === 0 && childStats.restores === 1,
      `child: ${childStats.logins ?? '?'} logins, ${childStats.restores ?? '?'} restore`,
    );

    clock.advance(3_600_000 + 1_000);
    await restarted.items();
    check(
      checks,
      log,
      'past expiry the session renews itself',
      cloud.counts.refreshes === 1 && cloud.counts.logins === 1,
      'refreshed once, no password sent',
    );

    clock.advance(3_600_000 + 1_000);
    const before = cloud.counts.logins + cloud.counts.refreshes;
    await Promise.all(Array.from({ length: 200 }, () => restarted.items()));
    const renewals = cloud.counts.logins + cloud.counts.refreshes - before;
    check(
      checks,
      log,
      '200 concurrent calls on an expired session renew once',
      renewals === 1,
      `${renewals} renewal for 200 calls`,
    );

    return {
      vendor: 'reference',
      requests: cloud.counts.requests,
      logins: cloud.counts.logins,
      refreshes: cloud.counts.refreshes,
      rateLimited: cloud.counts.rateLimited,
      checks,
    };
  },
};
