import { stat } from 'node:fs/promises';
import { type Clock, FileStore, type TokenStore } from '@tokenwise/auth-core';
import { FakeClock } from '@tokenwise/auth-core/mock';
import { runProcess } from '@tokenwise/auth-core/reference';
import {
  check,
  type DemoCheck,
  type DemoContext,
  type DemoScenario,
  type ScenarioResult,
} from './scenario.js';

/** What every mock cloud counts. */
export interface CloudCounts {
  requests: number;
  logins: number;
  refreshes: number;
  rateLimited: number;
}

/** A vendor's mock cloud, served on 127.0.0.1 for the demo. */
export interface DemoCloud {
  url: string;
  counts(): CloudCounts;
  close(): Promise<void>;
}

/** A vendor client as a user's script would hold it. */
export interface DemoClient {
  /** One ordinary authorized call through the package's public API. */
  call(): Promise<unknown>;
  /**
   * One write through the package's public API (a setpoint, a switch) and the
   * read that shows it took: what was asked and what the cloud now reports.
   */
  write?(): Promise<DemoWrite>;
  close(): Promise<void>;
}

/** What a demo write asked for and what the following read returned. */
export interface DemoWrite {
  /** What was changed, in words: `zone 'Kitchen' setpoint → 21.5 °C`. */
  change: string;
  /** What the read after the write reports, in words. */
  readBack: string;
  /** The read matches the write. */
  ok: boolean;
}

/** The vendor-specific half of a demo scenario; {@link vendorScenario} does the rest. */
export interface VendorDemo {
  vendor: string;
  /** Advancing the clock by this forces a renewal (past the session's life or refresh window). */
  expireMs: number;
  /** What the renewal after expiry is: a refresh, or a login for vendors that cannot refresh. */
  renewsBy: 'refresh' | 'login';
  /** Why the renewal is a login, for vendors where it is. */
  loginBecause?: string;
  startCloud(clock: FakeClock): Promise<DemoCloud>;
  client(options: { cloud: DemoCloud; store: TokenStore; clock: Clock }): Promise<DemoClient>;
  /** A Node script doing one call on `TOKENWISE_STORE_PATH` against `DEMO_CLOUD_URL` (a real second process). */
  childScript: string;
}

/**
 * The seed scenario every vendor goes through in the demo: first run logs in
 * and stores, a restart restores, a second process shares, expiry renews
 * itself, and 200 concurrent calls on an expired session renew once.
 */
export function vendorScenario(demo: VendorDemo): DemoScenario {
  return {
    vendor: demo.vendor,
    async run(context: DemoContext): Promise<ScenarioResult> {
      const { log } = context;
      const checks: DemoCheck[] = [];
      const clock = new FakeClock(Date.now());
      const cloud = await demo.startCloud(clock);
      const renewals = () => cloud.counts().logins + cloud.counts().refreshes;
      const open = () => demo.client({ cloud, store: new FileStore({ path: context.storePath }), clock });
      try {
        log(`  mock cloud on ${cloud.url}`);
        const first = await open();
        await first.call();
        await first.close();
        const mode = ((await stat(context.storePath)).mode & 0o777).toString(8);
        check(
          checks,
          log,
          'first run logs in and stores the session',
          cloud.counts().logins === 1,
          `${cloud.counts().logins} login, stored in ${context.storePath} (mode ${mode})`,
        );

        const restarted = await open();
        await restarted.call();
        if (restarted.write) {
          const written = await restarted.write();
          check(
            checks,
            log,
            'a write is read back',
            written.ok,
            `${written.change}; read back: ${written.readBack}`,
          );
        }
        check(
          checks,
          log,
          'a restart restores the session',
          renewals() === 1,
          `${renewals() - 1} logins or refreshes on restart`,
        );

        // A real second process on the real clock, before this one fast-forwards its own.
        const child = await runProcess(demo.childScript, {
          DEMO_CLOUD_URL: cloud.url,
          TOKENWISE_STORE_PATH: context.storePath,
        });
        check(
          checks,
          log,
          'a second process shares the session',
          child.code === 0 && renewals() === 1,
          child.code === 0
            ? `child process: ${renewals() - 1} logins`
            : `child failed: ${child.stderr.trim()}`,
        );

        clock.advance(demo.expireMs);
        const beforeExpiry = { ...cloud.counts() };
        await restarted.call();
        const afterExpiry = cloud.counts();
        const renewedBy = demo.renewsBy === 'refresh' ? 'refreshes' : 'logins';
        check(
          checks,
          log,
          'past expiry the session renews itself',
          afterExpiry[renewedBy] - beforeExpiry[renewedBy] === 1 && renewals() - 1 === 1,
          demo.renewsBy === 'refresh'
            ? 'refreshed once, no password sent'
            : `one login (${demo.loginBecause})`,
        );

        clock.advance(demo.expireMs);
        const before = renewals();
        await Promise.all(Array.from({ length: 200 }, () => restarted.call()));
        check(
          checks,
          log,
          '200 concurrent calls on an expired session renew once',
          renewals() - before === 1,
          `${renewals() - before} renewal for 200 calls`,
        );
        await restarted.close();
        const counts = cloud.counts();
        return { vendor: demo.vendor, ...counts, checks };
      } finally {
        await cloud.close();
      }
    },
  };
}
