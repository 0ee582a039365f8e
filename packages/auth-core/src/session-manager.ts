import { raceSignal } from './abort.js';
import { DEFAULT_MAX_BACK_OFF_MS } from './back-off.js';
import { type Clock, systemClock } from './clock.js';
import {
  ConfigurationError,
  ErrorCodes,
  isAuthenticationFailure,
  isTokenwiseError,
  RateLimitError,
  TokenExpiredError,
} from './errors.js';
import { Emitter } from './events.js';
import { BackOffRecord } from './manager/back-off-record.js';
import { Freshness } from './manager/freshness.js';
import {
  type AdoptOptions,
  type RenewOptions,
  SESSION_MANAGER_OPTION_KEYS,
  type SessionManagerOptions,
  type SessionManagerStats,
} from './manager/manager-options.js';
import { RenewalFlight } from './manager/renewal-flight.js';
import { type RenewalPlan, renewalPlan } from './manager/renewal-plan.js';
import { RequestQuota } from './manager/request-quota.js';
import { SessionSubscribers } from './manager/session-subscribers.js';
import { StoredEnvelope } from './manager/stored-envelope.js';
import type { SessionEventBase, SessionManagerEvents } from './manager-events.js';
import {
  checkClockOption,
  checkDurationOption,
  checkMethods,
  checkStoreOption,
  checkTimeoutOption,
} from './option-checks.js';
import { checkOptionsObject } from './option-object.js';
import type { QuotaRecord } from './quota-record.js';
import { type SessionBase, sessionKey } from './session.js';
import { MemoryStore } from './store/memory-store.js';
import type { TokenStore } from './store/token-store.js';
import type { AuthContext, AuthStrategy } from './strategy.js';

export type { AdoptOptions, RenewOptions, SessionManagerOptions, SessionManagerStats };

const EAGER_RETRY_MS = 5_000;
const KEEP_ALIVE_RETRY_MS = 30_000;

/**
 * Owns one account's session: returns a valid one from memory when it can,
 * otherwise renews it exactly once however many callers, instances or
 * processes ask at the same moment.
 *
 * Renewal order: re-read the store under its lock (another process may have
 * renewed already) → refresh → full login as fallback when the refresh is
 * rejected. Login back-offs after a 429 are written to the store, so every
 * instance sharing it refuses to log in until they pass; each is bounded by
 * `maxBackOffMs` (one hour by default), also when read back from the store.
 */
export class SessionManager<S extends SessionBase> {
  /** The store key, `vendor:account`. */
  readonly key: string;
  /** The store in use. */
  readonly store: TokenStore;
  /** The vendor flow this manager runs. */
  readonly strategy: AuthStrategy<S>;
  /** What this manager did so far. */
  readonly stats: SessionManagerStats = {
    logins: 0,
    refreshes: 0,
    restores: 0,
    invalidations: 0,
    rateLimited: 0,
  };

  readonly #clock: Clock;
  readonly #renewTimeoutMs: number;
  readonly #touchPersistMs: number;
  readonly #events = new Emitter<SessionManagerEvents>();
  readonly #freshness: Freshness<S>;
  readonly #envelope: StoredEnvelope<S>;
  readonly #backOff: BackOffRecord;
  /**
   * The vendor's request quota (`RateLimit` headers), shared through the store.
   * `AuthorizedHttp` gates every call on it and feeds it every response.
   */
  readonly requestQuota: RequestQuota;
  readonly #subscribers: SessionSubscribers<S>;
  #current: S | undefined;
  readonly #flight = new RenewalFlight<S>((plan) => this.#runRenewal(plan));
  #eagerRetryAt = 0;
  #lastTouchPersist = 0;
  #closed = false;
  readonly #pendingWrites = new Set<Promise<void>>();

  constructor(options: SessionManagerOptions<S>) {
    checkOptionsObject(options, 'SessionManager', SESSION_MANAGER_OPTION_KEYS);
    checkMethods(options?.strategy, 'SessionManager option `strategy`', [
      'login',
      'authorize',
      'isAuthFailure',
      'token',
    ]);
    const strategy = options.strategy;
    if (typeof strategy.vendor !== 'string' || typeof strategy.account !== 'string') {
      throw new ConfigurationError('SessionManager option `strategy` must name its `vendor` and `account`');
    }
    if (options.store !== undefined) checkStoreOption(options.store, 'SessionManager option `store`');
    if (options.clock !== undefined) checkClockOption(options.clock, 'SessionManager option `clock`');
    for (const name of [
      'refreshMarginMs',
      'clockSkewMs',
      'touchPersistIntervalMs',
      'maxBackOffMs',
    ] as const) {
      checkDurationOption(options[name], `SessionManager option \`${name}\``);
    }
    // A timer: 0 would abort every renewal at once, and Node fires one over 2^31-1 ms after 1 ms.
    checkTimeoutOption(options.renewTimeoutMs, 'SessionManager option `renewTimeoutMs`');
    this.strategy = strategy;
    this.store = options.store ?? new MemoryStore();
    this.#clock = options.clock ?? systemClock;
    this.#renewTimeoutMs = options.renewTimeoutMs ?? 60_000;
    this.#touchPersistMs = options.touchPersistIntervalMs ?? 60_000;
    this.key = sessionKey(strategy.vendor, strategy.account);
    const report = (error: unknown, during: string) => this.#reportError(error, during);
    this.#freshness = new Freshness(
      strategy,
      this.#clock,
      nonNegative(options.refreshMarginMs ?? strategy.refreshMarginMs ?? 60_000),
      nonNegative(options.clockSkewMs ?? 5_000),
    );
    this.#envelope = new StoredEnvelope(this.store, this.key, strategy, report);
    this.#backOff = new BackOffRecord({
      store: this.store,
      throttleKey: strategy.throttleKey ?? this.key,
      vendor: strategy.vendor,
      clock: this.#clock,
      maxBackOffMs: options.maxBackOffMs ?? DEFAULT_MAX_BACK_OFF_MS,
      defaultRateLimitMs: strategy.defaultRateLimitMs,
      minLoginIntervalMs: nonNegative(strategy.minLoginIntervalMs ?? 0),
      report,
    });
    this.requestQuota = new RequestQuota({
      store: this.store,
      throttleKey: strategy.throttleKey ?? this.key,
      vendor: strategy.vendor,
      clock: this.#clock,
      maxBackOffMs: options.maxBackOffMs ?? DEFAULT_MAX_BACK_OFF_MS,
      defaultRateLimitMs: strategy.defaultRateLimitMs,
      report,
      emit: (fields) => this.#events.emit('quota', { ...this.#base(), ...fields }),
    });
    this.#subscribers = new SessionSubscribers({
      token: (session) => strategy.token(session),
      current: () => this.#current,
      keepAlive: {
        dueAt: () => this.renewalDueAt(),
        renew: () =>
          this.get().catch((error: unknown) => {
            this.#reportError(error, 'keep-alive renewal');
            throw error;
          }),
        retryInMs: () => Math.max(this.rateLimitedForMs, KEEP_ALIVE_RETRY_MS),
        now: () => this.#clock.now(),
      },
      report,
    });
  }

  /** Subscribes to an event; returns an unsubscribe function. Payloads never hold secrets. */
  on<K extends keyof SessionManagerEvents>(
    type: K,
    listener: (event: SessionManagerEvents[K]) => void,
  ): () => void {
    return this.#events.on(type, listener);
  }

  /** The session held in memory, if any, without checking or renewing it. */
  peek(): S | undefined {
    return this.#current;
  }

  /**
   * A session that is valid for at least the refresh margin. Fast path: the
   * in-memory session, no I/O. Otherwise joins (or starts) the one shared
   * renewal. `signal` only detaches this caller; the renewal carries on.
   */
  get(signal?: AbortSignal): Promise<S> {
    const current = this.#current;
    if (current !== undefined && this.#freshness.isFresh(current)) return Promise.resolve(current);
    if (
      current !== undefined &&
      this.#clock.now() < this.#eagerRetryAt &&
      this.#freshness.isUsable(current)
    ) {
      return Promise.resolve(current);
    }
    return raceSignal(this.#flight.join(renewalPlan('get', undefined)), signal);
  }

  /**
   * Renews now even though the current session may still be valid, shared
   * with concurrent callers: refresh, else login (`{ login: true }` skips the
   * refresh). A failure is thrown, but unlike `invalidate` the current
   * session stays usable for everyone else. A session another process stored
   * meanwhile is adopted instead of renewing again. Login back-offs apply.
   */
  renew(options: RenewOptions | AbortSignal = {}): Promise<S> {
    const {
      signal,
      login = false,
      loginIfRefreshRefused = true,
    } = options instanceof AbortSignal ? { signal: options } : options;
    const current = this.#current;
    const replacing = current === undefined ? undefined : this.strategy.token(current);
    return raceSignal(
      this.#flight.join(renewalPlan(login ? 'login' : 'renew', replacing, loginIfRefreshRefused)),
      signal,
    );
  }

  /**
   * Compare-and-swap invalidation: marks `session`'s token as rejected. Only
   * when it is still the current token is the current session dropped; a
   * fresher session another caller already stored is left alone. Returns
   * whether the current session was dropped.
   */
  invalidate(session: S, reason = 'rejected by the vendor'): boolean {
    const token = this.strategy.token(session);
    this.#freshness.markBad(session);
    const current = this.#current;
    if (current === undefined || this.strategy.token(current) !== token) return false;
    this.#current = undefined;
    this.#eagerRetryAt = 0;
    this.stats.invalidations++;
    this.#events.emit('invalidate', { ...this.#base(), reason });
    return true;
  }

  /** Records a successful use (sliding-expiry vendors). Cheap: persists at most once per interval. */
  touch(session: S): void {
    const touch = this.strategy.touch;
    if (!touch) return;
    const current = this.#current;
    if (current === undefined || this.strategy.token(current) !== this.strategy.token(session)) return;
    const now = this.#clock.now();
    const next = touch.call(this.strategy, current, now);
    this.#current = next;
    if (now - this.#lastTouchPersist < this.#touchPersistMs) return;
    this.#lastTouchPersist = now;
    const write = this.#persistIfStillCurrent(next)
      .catch((error: unknown) => this.#reportError(error, 'touch'))
      .finally(() => this.#pendingWrites.delete(write));
    this.#pendingWrites.add(write);
  }

  /**
   * Makes a session obtained elsewhere (a migrated file, a session the
   * caller knows to be good) current and stores it, without asking the
   * vendor; resolves with the session now in use. For credentials handed in
   * by a user, prefer {@link adopt}, which checks them first.
   * `{ persist: false }`: this instance only, the store is left untouched.
   * `{ preferStored: true }`: a valid session already in the store (another
   * process may have just renewed) wins and is adopted instead — checked and
   * written under the store lock, so no fresher session is ever overwritten.
   */
  async setSession(session: S, options: { persist?: boolean; preferStored?: boolean } = {}): Promise<S> {
    const given = this.#parse(session);
    if (options.persist ?? true) {
      const kept = await this.store.withLock(this.key, async () => {
        if (options.preferStored) {
          const stored = await this.#envelope.read();
          if (stored !== undefined && this.#freshness.isUsable(stored)) return stored;
        }
        await this.#envelope.write(given);
        return given;
      });
      if (kept !== given) return this.#restored(kept);
    }
    return this.#set(given);
  }

  /**
   * Adopts a credential handed in from outside (a saved token, a token file,
   * a bare refresh token), after checking it — see {@link AdoptOptions.check}
   * — all under the store lock: a usable stored session that is newer (or,
   * with `preferStored: 'always'`, any usable one) wins and is returned
   * instead; a session the vendor refuses is never stored and fails with a
   * `TokenExpiredError` (a refused refresh token with `TokenRefreshError`).
   * Resolves with the session now in use.
   */
  async adopt(candidate: S, options: AdoptOptions = {}): Promise<S> {
    const given = this.#parse(candidate);
    if (given.vendor !== this.strategy.vendor || given.account !== this.strategy.account) {
      // Stored under this manager's key, another account's credential would be served as this one's.
      throw new ConfigurationError(
        `The session handed in belongs to ${given.vendor}:${given.account}, not to ${this.key}; it is not adopted`,
        { vendor: this.strategy.vendor },
      );
    }
    const check = options.check ?? (this.strategy.verify ? 'verify' : 'none');
    if (check === 'verify' && !this.strategy.verify) {
      throw new ConfigurationError(
        `The ${this.strategy.vendor} strategy cannot verify a session (no verify())`,
        {
          vendor: this.strategy.vendor,
        },
      );
    }
    if (check === 'refresh' && !this.strategy.refresh) {
      throw new ConfigurationError(`The ${this.strategy.vendor} strategy has no refresh()`, {
        vendor: this.strategy.vendor,
      });
    }
    const run = async (): Promise<S> => {
      if (options.persist === false) return this.#set(await this.#checked(given, check));
      return this.store.withLock(this.key, async () => {
        const stored = await this.#envelope.read();
        if (stored !== undefined && this.#storedWins(stored, given, options.preferStored ?? 'newer')) {
          return this.#restored(stored);
        }
        const next = await this.#checked(given, check);
        await this.#envelope.write(next);
        return this.#set(next);
      });
    };
    return raceSignal(run(), options.signal);
  }

  /**
   * Loads the stored session into memory if it is valid, without contacting
   * the vendor. Returns it, or `undefined` when there is none usable.
   */
  async restore(): Promise<S | undefined> {
    const stored = await this.#envelope.read();
    if (stored === undefined || !this.#freshness.isUsable(stored)) return undefined;
    return this.#restored(stored);
  }

  /** Deletes the stored session and forgets the one in memory (logout). */
  async clear(): Promise<void> {
    await this.store.withLock(this.key, () => this.#envelope.delete());
    this.#current = undefined;
  }

  /** Milliseconds of login back-off left, as known to this instance (0 when none). */
  get rateLimitedForMs(): number {
    return this.#backOff.remainingMs;
  }

  /**
   * When the session in memory falls due for renewal (epoch ms): its expiry
   * minus the margin, or earlier by the strategy's `renewAt`. `undefined` when
   * there is none, or it never expires.
   */
  renewalDueAt(): number | undefined {
    return this.#current === undefined ? undefined : this.#freshness.renewAt(this.#current);
  }

  /**
   * Lifts the login/refresh back-off of this manager's throttle key, for this
   * instance and in the store (so for every instance sharing it). The next
   * renewal contacts the vendor again, which answers with a new rate limit if
   * it still has one. The session is kept.
   */
  clearBackOff(): Promise<void> {
    return this.#backOff.clear();
  }

  /**
   * The vendor's request quota as last reported by a response here or by any
   * instance sharing the store (`RateLimit` headers); `undefined` when the
   * vendor reports none. Holds no secret.
   */
  quota(): Promise<QuotaRecord | undefined> {
    return this.requestQuota.read();
  }

  /**
   * Forgets the stored request quota, here and for every instance sharing the
   * store: calls go out again until a response reports the quota anew.
   */
  clearQuota(): Promise<void> {
    return this.requestQuota.clear();
  }

  /**
   * For long-lived consumers (a socket authorized by the session): calls
   * `listener` with every new session this manager takes up — renewed here,
   * or found in the store after another process renewed — and renews ahead of
   * need while at least one listener is subscribed, so the consumer never
   * needs a timer of its own. The manager's single renewal is used; failures
   * are reported as `error` events and retried. Returns an unsubscribe
   * function; `signal` unsubscribes too.
   */
  keepAlive(listener: (session: S) => void, options: { signal?: AbortSignal } = {}): () => void {
    return this.#subscribers.subscribe(listener, options.signal);
  }

  /**
   * Stops sliding-expiry persistence and keep-alive renewals and waits for
   * writes already started, so a closed client leaves its store settled. Idempotent.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#subscribers.close();
    await Promise.all([...this.#pendingWrites, this.requestQuota.settle()]);
  }

  /** One renewal under its own deadline, independent of callers' signals. */
  async #withDeadline<T>(run: (context: AuthContext<S>) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`renewal timed out after ${this.#renewTimeoutMs} ms`)),
      this.#renewTimeoutMs,
    );
    timer.unref?.();
    try {
      return await run({ signal: controller.signal, clock: this.#clock });
    } finally {
      clearTimeout(timer);
    }
  }

  async #runRenewal(plan: RenewalPlan): Promise<S> {
    const previous = this.#current;
    // A usable stored session the renewal read (due, but still valid): served if the renewal fails.
    const seen: { stored?: S | undefined } = {};
    try {
      if (previous === undefined) {
        const restored = await this.#tryRestoreWithoutLock();
        if (restored) return restored;
      }
      return await this.#withDeadline((context) =>
        this.store.withLock(this.key, () => this.#renewLocked(context, plan, seen)),
      );
    } catch (error) {
      if (plan.forced) throw error;
      return this.#fallBackToCurrent(previous, seen.stored, error);
    }
  }

  async #tryRestoreWithoutLock(): Promise<S | undefined> {
    let stored: S | undefined;
    try {
      stored = await this.#envelope.read();
    } catch (error) {
      this.#reportError(error, 'store read');
      return undefined;
    }
    if (stored === undefined || !this.#freshness.isFresh(stored)) return undefined;
    return this.#restored(stored);
  }

  async #renewLocked(
    context: AuthContext<S>,
    plan: RenewalPlan,
    seen: { stored?: S | undefined },
  ): Promise<S> {
    const stored = await this.#envelope.read();
    if (stored !== undefined && this.#freshness.isUsable(stored)) seen.stored = stored;
    // A forced login is a login: a fresh stored session does not answer it.
    if (
      !plan.login &&
      stored !== undefined &&
      this.#freshness.isFresh(stored) &&
      this.strategy.token(stored) !== plan.replacing
    ) {
      return this.#restored(stored);
    }
    const base = stored ?? this.#current;
    context.previous = base;
    await this.#refuseWhileBackingOff();
    let next: S | undefined;
    if (base !== undefined && this.strategy.refresh && !plan.login) {
      try {
        next = await this.#refresh(base, context);
      } catch (error) {
        if (!isAuthenticationFailure(error)) throw error;
        if (!plan.loginIfRefreshRefused && isTokenwiseError(error, ErrorCodes.TokenRefreshError)) throw error;
        this.#reportError(error, 'refresh');
      }
    }
    next ??= await this.#login(context);
    this.#freshness.clearBad(next);
    try {
      await this.#envelope.write(next);
    } catch (error) {
      // The new session is valid; losing it because the store is down would force another login.
      this.#reportError(error, 'store write');
    }
    this.#adopt(next);
    return next;
  }

  async #refresh(base: S, context: AuthContext<S>): Promise<S> {
    const refresh = this.strategy.refresh;
    if (!refresh) throw new ConfigurationError(`The ${this.strategy.vendor} strategy has no refresh()`);
    const started = this.#clock.now();
    const next = await this.#recordingRateLimits(() => refresh.call(this.strategy, base, context));
    this.stats.refreshes++;
    return this.#minted('refresh', next, started);
  }

  async #login(context: AuthContext<S>): Promise<S> {
    const started = this.#clock.now();
    try {
      await this.#backOff.claimLogin();
    } catch (error) {
      // Spacing is shared through the stamp itself, not kept as a back-off: its wait is exact.
      if (isTokenwiseError(error, ErrorCodes.RateLimitError)) {
        this.stats.rateLimited++;
        this.#events.emit('rate-limited', {
          ...this.#base(),
          retryAfterMs: error.retryAfterMs,
          fromStore: true,
        });
      }
      throw error;
    }
    const session = await this.#recordingRateLimits(() => this.strategy.login(context));
    this.stats.logins++;
    return this.#minted('login', session, started);
  }

  /** Announces a session the vendor just issued (no tokens in the event). */
  #minted(type: 'login' | 'refresh', session: S, started: number): S {
    this.#events.emit(type, {
      ...this.#base(),
      expiresAt: session.expiresAt,
      durationMs: this.#clock.now() - started,
    });
    return session;
  }

  /** The session handed to `adopt`, after the requested check; throws when the vendor refuses it. */
  async #checked(given: S, check: 'verify' | 'refresh' | 'none'): Promise<S> {
    if (check === 'refresh') {
      return this.#withDeadline(async (context) => {
        context.previous = given;
        await this.#refuseWhileBackingOff();
        const next = await this.#refresh(given, context);
        this.#freshness.clearBad(next);
        return this.#parse(next);
      });
    }
    const refused = () =>
      new TokenExpiredError(`${this.strategy.vendor} does not accept the session handed in for ${this.key}`, {
        vendor: this.strategy.vendor,
      });
    if (this.#freshness.isExpired(given) || this.#freshness.isBad(given)) throw refused();
    if (check === 'none') return given;
    const verify = this.strategy.verify;
    const verified = verify
      ? await this.#withDeadline((context) => verify.call(this.strategy, given, context))
      : given;
    if (verified === undefined) {
      this.#freshness.markBad(given);
      throw refused();
    }
    return this.#parse(verified);
  }

  #storedWins(stored: S, given: S, rule: 'newer' | 'always'): boolean {
    if (!this.#freshness.isUsable(stored)) return false;
    if (rule === 'always') return true;
    return this.strategy.token(stored) === this.strategy.token(given) || stored.issuedAt >= given.issuedAt;
  }

  #parse(session: S): S {
    const parsed = this.strategy.schema.safeParse(session);
    if (!parsed.success) {
      throw new ConfigurationError(
        `The session given for ${this.key} does not match the ${this.strategy.vendor} schema`,
        { vendor: this.strategy.vendor },
      );
    }
    return parsed.data;
  }

  /**
   * Refuses to contact the vendor while a back-off (this instance's or a shared one) is in force.
   */
  async #refuseWhileBackingOff(): Promise<void> {
    const inForce = await this.#backOff.inForce();
    if (inForce === undefined) return;
    const { retryAfterMs } = inForce;
    this.stats.rateLimited++;
    this.#events.emit('rate-limited', { ...this.#base(), retryAfterMs, fromStore: true });
    throw new RateLimitError(
      `Login for ${this.strategy.vendor} is backing off after a rate limit; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
      { retryAfterMs, fromStore: true, vendor: this.strategy.vendor },
    );
  }

  /**
   * Runs a login or refresh; a rate limit it meets is written to the store so
   * every instance sharing it backs off instead of trying again.
   */
  async #recordingRateLimits(mint: () => Promise<S>): Promise<S> {
    try {
      return await mint();
    } catch (error) {
      if (!isTokenwiseError(error, ErrorCodes.RateLimitError)) throw error;
      const limited = error as RateLimitError;
      // A vendor's wait is bounded: one bogus Retry-After must not lock every process out for years.
      const retryAfterMs = await this.#backOff.recordRateLimit(limited);
      this.stats.rateLimited++;
      this.#events.emit('rate-limited', { ...this.#base(), retryAfterMs, fromStore: false });
      if (limited.retryAfterMs !== retryAfterMs) {
        throw new RateLimitError(limited.message, {
          retryAfterMs,
          vendor: this.strategy.vendor,
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * A failed eager renewal leaves a still-valid session usable (static stability): the one in
   * memory, else a still-valid one the renewal found in the store (a new process whose stored
   * session is due but cannot be renewed right now, e.g. a login that needs a person).
   */
  #fallBackToCurrent(previous: S | undefined, stored: S | undefined, error: unknown): S {
    const held = this.#current ?? previous;
    const current = held !== undefined && this.#freshness.isUsable(held) ? held : stored;
    if (current !== undefined && this.#freshness.isUsable(current)) {
      if (current !== held) this.#restored(current);
      this.#eagerRetryAt = this.#clock.now() + EAGER_RETRY_MS;
      this.#reportError(error, 'eager renewal');
      this.#current = current;
      return current;
    }
    throw error;
  }

  async #persistIfStillCurrent(session: S): Promise<void> {
    if (this.#closed) return;
    const token = this.strategy.token(session);
    await this.store.withLock(this.key, async () => {
      const stored = await this.#envelope.read();
      if (stored !== undefined && this.strategy.token(stored) !== token) return;
      await this.#envelope.write(session);
    });
  }

  /** A stored session taken up without contacting the vendor. */
  #restored(stored: S): S {
    this.#adopt(stored);
    this.stats.restores++;
    this.#events.emit('restore', { ...this.#base(), expiresAt: stored.expiresAt });
    return stored;
  }

  /** A session handed in (`setSession`, `adopt`) taken up. */
  #set(session: S): S {
    this.#adopt(session);
    this.#events.emit('set', { ...this.#base(), expiresAt: session.expiresAt });
    return session;
  }

  #adopt(session: S): void {
    this.#current = session;
    this.#eagerRetryAt = 0;
    // The session was just read from or written to the store: no touch write is due yet.
    this.#lastTouchPersist = this.#clock.now();
    this.#subscribers.announce(session);
  }

  #reportError(error: unknown, during: string): void {
    const code = isTokenwiseError(error) ? error.code : 'UNKNOWN';
    const message = isTokenwiseError(error) ? error.message : 'unexpected error';
    this.#events.emit('error', { ...this.#base(), errorCode: code, message, during });
  }

  #base(): SessionEventBase {
    return { vendor: this.strategy.vendor, account: this.strategy.account, key: this.key };
  }
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
