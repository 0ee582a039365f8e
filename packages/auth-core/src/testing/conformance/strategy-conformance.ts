import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError } from '../../errors.js';
import type { SessionManagerEvents } from '../../manager-events.js';
import type { SessionBase } from '../../session.js';
import type { SessionManager } from '../../session-manager.js';
import { FileStore } from '../../store/file-store.js';
import { MemoryStore } from '../../store/memory-store.js';
import type { TokenStore } from '../../store/token-store.js';
import type { FakeClock } from '../fake-clock.js';
import type { MockCloud } from '../mock-base/mock-cloud.js';
import { runProcesses } from '../run-processes.js';

/**
 * What the suite drives: a vendor simulator built on the mock base
 * (`MockCloud` from `@tokenwise/auth-core/mock`), under its own names.
 */
export type ConformanceCloud = Pick<
  MockCloud,
  | 'counts'
  | 'renewsBy'
  | 'revokeAccessTokens'
  | 'revokeRefreshTokens'
  | 'rejectAllRequests'
  | 'rateLimitNextLogin'
  | 'failNextRenewal'
>;

/** One client of the vendor under test, bound to a store. */
export interface ConformanceClient<S extends SessionBase> {
  /** The client's session manager: the suite reads its stats and events. */
  readonly manager: SessionManager<S>;
  /** One cheap authorized data call through the client's public API. */
  call(signal?: AbortSignal): Promise<unknown>;
  /** Closes the client; the suite calls it after each test. */
  close(): Promise<void>;
}

/** Variants of a client the suite asks for. */
export interface ConformanceClientOptions {
  /** Use a wrong password (to provoke InvalidCredentialsError). */
  badPassword?: boolean;
  /** Point the client at a closed loopback port (to provoke NetworkError). */
  unreachable?: boolean;
}

/** Everything the suite needs from a vendor package. Built fresh for every test. */
export interface ConformanceHarness<S extends SessionBase> {
  /** The clock shared by the simulator and every client; the suite advances it. */
  clock: FakeClock;
  /** The vendor's simulator (a {@link MockCloud}), driven to provoke faults. */
  cloud: ConformanceCloud;
  /** A new client of the vendor under test on `store`, in the variant `options` asks for. */
  createClient(
    store: TokenStore,
    options?: ConformanceClientOptions,
  ): ConformanceClient<S> | Promise<ConformanceClient<S>>;
  /** Advancing the clock by this much makes a fresh session need renewal. */
  sessionLifetimeMs: number;
  /** Strings that must never leak: password, OTP, keys. Session tokens are added by the suite. */
  secrets: string[];
  /** Error code a rate-limited login must surface. Default RateLimitError. */
  rateLimitRetryAfterMs?: number;
  /** Cross-process test: a Node script that does one `call()` with a FileStore at `TOKENWISE_STORE_PATH`. */
  crossProcess?: {
    script: string;
    /** Serves the harness's cloud on 127.0.0.1; returns env for the children (base URL etc.). */
    serve(): Promise<{
      /** Environment the child processes get (base URL etc.). */
      env: Record<string, string>;
      /** Stops serving. */
      close(): Promise<void>;
    }>;
  };
  /** Releases what `setup` made (servers, temp files); runs after every test. */
  teardown?(): Promise<void> | void;
}

/** Options of {@link describeStrategyConformance}. */
export interface StrategyConformanceOptions<S extends SessionBase> {
  /** The suite's name in the test report, e.g. the vendor. */
  name: string;
  /** Builds a fresh harness; runs before every test. */
  setup(): Promise<ConformanceHarness<S>> | ConformanceHarness<S>;
  /** Children in the cross-process test. Default 8. */
  processes?: number;
}

const EVENT_TYPES: Array<keyof SessionManagerEvents> = [
  'login',
  'refresh',
  'restore',
  'set',
  'invalidate',
  'rate-limited',
  'error',
];

/**
 * The behaviour every tokenwise vendor flow must have, proven against the
 * vendor's own mock cloud: restore without login, eager refresh and login
 * fallback, single-flight, cross-process lock, compare-and-swap retry once,
 * shared 429 back-off, corrupt store recovery, abort isolation and redaction.
 */
export function describeStrategyConformance<S extends SessionBase>(
  options: StrategyConformanceOptions<S>,
): void {
  describe(`strategy conformance: ${options.name}`, () => {
    let h: ConformanceHarness<S>;
    const clients: ConformanceClient<S>[] = [];
    const tempDirs: string[] = [];

    const client = async (store: TokenStore, opts?: ConformanceClientOptions) => {
      const c = await h.createClient(store, opts);
      clients.push(c);
      return c;
    };
    const renewals = () => h.cloud.counts.logins + h.cloud.counts.refreshes;
    const tempStorePath = async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tokenwise-conf-'));
      tempDirs.push(dir);
      return join(dir, 'sessions.json');
    };

    beforeEach(async () => {
      h = await options.setup();
    });

    afterEach(async () => {
      for (const c of clients.splice(0)) await c.close();
      await h.teardown?.();
      for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
    });

    it('1. restores a valid stored session with zero login or refresh requests', async () => {
      const store = new MemoryStore();
      const first = await client(store);
      await first.call();
      expect(h.cloud.counts.logins).toBe(1);
      const before = renewals();
      const restarted = await client(store);
      await restarted.call();
      await restarted.call();
      expect(renewals()).toBe(before);
    });

    it('2a. renews inside the refresh margin without a full login when the vendor can refresh', async () => {
      const c = await client(new MemoryStore());
      await c.call();
      const logins = h.cloud.counts.logins;
      h.clock.advance(h.sessionLifetimeMs);
      await c.call();
      expect(renewals()).toBe(logins + 1);
      if (h.cloud.renewsBy === 'refresh') expect(h.cloud.counts.logins).toBe(logins);
    });

    it('2b. falls back to a full login when the refresh is rejected', async () => {
      if (h.cloud.renewsBy === 'login') {
        // Vendors without refresh renew by login: the fallback is the only path, proven by 2a.
        expect(h.cloud.counts.refreshes).toBe(0);
        return;
      }
      const c = await client(new MemoryStore());
      await c.call();
      h.cloud.revokeRefreshTokens();
      h.clock.advance(h.sessionLifetimeMs);
      await c.call();
      expect(h.cloud.counts.logins).toBe(2);
    });

    it('2c. a 5xx during renewal surfaces a typed error and keeps the stored session', async () => {
      const store = new MemoryStore();
      const c = await client(store);
      await c.call();
      const stored = await store.get(c.manager.key);
      h.clock.advance(h.sessionLifetimeMs * 2);
      h.cloud.failNextRenewal(503);
      const error = await c.call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTokenwiseError(error)).toBe(true);
      expect((error as { code: string }).code).toBe(ErrorCodes.ApiError);
      expect(await store.get(c.manager.key)).toEqual(stored);
      await c.call();
    });

    it('3. 1,000 concurrent get() on an expired session cause one renewal and share one session', async () => {
      const c = await client(new MemoryStore());
      await c.call();
      h.clock.advance(h.sessionLifetimeMs * 2);
      const before = renewals();
      const sessions = await Promise.all(Array.from({ length: 1000 }, () => c.manager.get()));
      expect(renewals()).toBe(before + 1);
      expect(new Set(sessions).size).toBe(1);
    });

    it('3b. a failed renewal is not cached: the next call renews again', async () => {
      const c = await client(new MemoryStore());
      await c.call();
      h.clock.advance(h.sessionLifetimeMs * 2);
      h.cloud.failNextRenewal(503);
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => c.manager.get()));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      const before = renewals();
      await c.manager.get();
      expect(renewals()).toBe(before + 1);
    });

    it('4. processes sharing a FileStore with an expired session renew exactly once', async () => {
      if (!h.crossProcess) throw new Error(`${options.name} has no cross-process harness`);
      const path = await tempStorePath();
      const realNow = Date.now();
      h.clock.set(realNow - h.sessionLifetimeMs * 3);
      const seeding = await client(new FileStore({ path }));
      await seeding.call();
      h.clock.set(realNow);
      const served = await h.crossProcess.serve();
      try {
        const before = renewals();
        const results = await runProcesses(h.crossProcess.script, options.processes ?? 8, {
          ...served.env,
          TOKENWISE_STORE_PATH: path,
        });
        for (const r of results) expect(`${r.code} ${r.stderr} ${r.stdout}`).toContain('ok');
        expect(results.map((r) => r.code)).toEqual(results.map(() => 0));
        expect(renewals()).toBe(before + 1);
      } finally {
        await served.close();
      }
    });

    it('5. a rejected session is invalidated compare-and-swap and the call retried once', async () => {
      const c = await client(new MemoryStore());
      await c.call();
      const stale = await c.manager.get();
      h.cloud.revokeAccessTokens();
      const before = renewals();
      await c.call();
      expect(renewals()).toBe(before + 1);
      const fresh = await c.manager.get();
      expect(c.manager.invalidate(stale)).toBe(false);
      expect(c.manager.peek()).toBe(fresh);
    });

    it('5b. never loops: a vendor that rejects everything costs one retry, then a typed error', async () => {
      const c = await client(new MemoryStore());
      await c.call();
      h.cloud.rejectAllRequests(true);
      const requests = h.cloud.counts.requests;
      const error = await c.call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTokenwiseError(error)).toBe(true);
      expect(h.cloud.counts.requests - requests).toBe(2);
      h.cloud.rejectAllRequests(false);
    });

    it('6. a 429 on login is shared through the store: nobody logs in until it passes', async () => {
      const store = new MemoryStore();
      const first = await client(store);
      h.cloud.rateLimitNextLogin(120_000);
      const error = await first.call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
      expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
      const attempts = h.cloud.counts.logins;
      const second = await client(store);
      const shared = await second.call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTokenwiseError(shared, ErrorCodes.RateLimitError)).toBe(true);
      expect((shared as { fromStore: boolean }).fromStore).toBe(true);
      expect(h.cloud.counts.logins).toBe(attempts);
      h.clock.advance(Math.max(120_000, (error as { retryAfterMs: number }).retryAfterMs) + 1_000);
      await second.call();
      expect(h.cloud.counts.logins).toBe(attempts + 1);
    });

    it('7. a corrupt store file is moved aside, reported, and the client logs in', async () => {
      const path = await tempStorePath();
      await writeFile(path, '{ this is not json', { mode: 0o600 });
      const store = new FileStore({ path });
      const corrupt: string[] = [];
      store.on('corrupt', (event) => corrupt.push(event.movedTo));
      const c = await client(store);
      await c.call();
      expect(corrupt).toHaveLength(1);
      const files = await readdir(join(path, '..'));
      expect(files.some((f) => f.startsWith('sessions.json.corrupt-'))).toBe(true);
      expect(h.cloud.counts.logins).toBe(1);
    });

    it("8. aborting one caller's wait does not cancel the renewal others wait on", async () => {
      const c = await client(new MemoryStore());
      await c.call();
      h.clock.advance(h.sessionLifetimeMs * 2);
      const controller = new AbortController();
      const aborted = c.manager.get(controller.signal);
      const others = Promise.all([c.manager.get(), c.manager.get()]);
      controller.abort();
      await expect(aborted).rejects.toMatchObject({ code: ErrorCodes.AbortError });
      const [a, b] = await others;
      expect(a).toBe(b);
    });

    it('9. no secret reaches error messages, JSON, inspect or events', async () => {
      const store = new MemoryStore();
      const events: unknown[] = [];
      const watch = (c: ConformanceClient<S>) => {
        for (const type of EVENT_TYPES) c.manager.on(type, (e) => events.push(e));
        return c;
      };
      const good = watch(await client(store));
      await good.call();
      const session = await good.manager.get();
      const secrets = [...h.secrets, ...tokenLikeValues(session)];
      const errors: unknown[] = [];
      const capture = (p: Promise<unknown>) =>
        p.then(
          () => undefined,
          (e: unknown) => errors.push(e),
        );

      await capture(watch(await client(new MemoryStore(), { badPassword: true })).call());
      await capture(watch(await client(new MemoryStore(), { unreachable: true })).call());
      h.cloud.rateLimitNextLogin(60_000);
      await capture(watch(await client(new MemoryStore())).call());
      h.cloud.rejectAllRequests(true);
      await capture(good.call());
      h.cloud.rejectAllRequests(false);
      h.clock.advance(h.sessionLifetimeMs * 2);
      h.cloud.failNextRenewal(500);
      await capture(good.call());

      expect(errors.length).toBeGreaterThanOrEqual(4);
      for (const error of errors) expect(isTokenwiseError(error)).toBe(true);
      const rendered = [
        ...errors.flatMap((e) => [
          String(e),
          JSON.stringify(e),
          inspect(e, { depth: 5 }),
          (e as Error).message,
        ]),
        ...events.map((e) => JSON.stringify(e)),
        ...events.map((e) => inspect(e, { depth: 5 })),
      ].join('\n');
      for (const secret of secrets) expect(rendered).not.toContain(secret);
    });

    it("10. a data call whose signal already fired is core's AbortError and sends nothing", async () => {
      const c = await client(new MemoryStore());
      await c.call();
      const sent = h.cloud.counts.requests;
      await expect(c.call(AbortSignal.abort())).rejects.toMatchObject({ code: ErrorCodes.AbortError });
      expect(h.cloud.counts.requests).toBe(sent);
    });
  });
}

/** Long string values of a session: its tokens, whatever the vendor calls them. */
function tokenLikeValues(session: SessionBase): string[] {
  return Object.entries(session)
    .filter(([key, value]) => typeof value === 'string' && value.length >= 16 && key !== 'account')
    .map(([, value]) => value as string);
}
