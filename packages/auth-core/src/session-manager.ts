import { raceSignal } from './abort.js';
import { boundedBackOff, DEFAULT_MAX_BACK_OFF_MS, DEFAULT_RATE_LIMIT_MS } from './back-off.js';
import { type Clock, systemClock } from './clock.js';
import {
  ConfigurationError,
  ErrorCodes,
  isAuthenticationFailure,
  isTokenwiseError,
  RateLimitError,
  StoreError,
} from './errors.js';
import { Emitter } from './events.js';
import type { SessionEventBase, SessionManagerEvents } from './manager-events.js';
import {
  checkClockOption,
  checkDurationOption,
  checkMethods,
  checkStoreOption,
  checkTimeoutOption,
} from './option-checks.js';
import { checkOptionsObject, type OptionKeys } from './option-object.js';
import { SESSION_SCHEMA_VERSION, type SessionBase, sessionKey } from './session.js';
import { MemoryStore } from './store/memory-store.js';
import type { TokenStore } from './store/token-store.js';
import type { AuthContext, AuthStrategy } from './strategy.js';
import {
  clampThrottleRecord,
  type ThrottleRecord,
  throttleRecordSchema,
  throttleStoreKey,
} from './throttle-record.js';

/** Options of {@link SessionManager}. */
export interface SessionManagerOptions<S extends SessionBase> {
  /** The vendor flow. */
  strategy: AuthStrategy<S>;
  /** Where sessions are shared and persisted. Default: a new `MemoryStore` (this instance only). */
  store?: TokenStore | undefined;
  /** Time source. Default: the system clock. */
  clock?: Clock | undefined;
  /** Renew this long before `expiresAt`. Default: the strategy's, else 60 000 ms. `0` renews only at expiry. */
  refreshMarginMs?: number | undefined;
  /** How far the vendor's clock may be ahead of ours. Added to the margin. Default 5 000 ms. */
  clockSkewMs?: number | undefined;
  /** Deadline of one shared renewal (login or refresh), independent of callers' signals. Default 60 000 ms. */
  renewTimeoutMs?: number | undefined;
  /** Sliding sessions: persist a touched expiry at most this often. Default 60 000 ms. */
  touchPersistIntervalMs?: number | undefined;
  /**
   * Longest login/refresh back-off kept after a rate limit, and the most a
   * stored back-off is honoured for. Default 3 600 000 ms (one hour). `0`
   * keeps none. See `boundedBackOff` for how a requested wait is treated.
   */
  maxBackOffMs?: number | undefined;
}

// Kept in step with SessionManagerOptions by the compiler: JavaScript callers get unknown keys refused.
const SESSION_MANAGER_OPTION_KEYS = {
  strategy: true,
  store: true,
  clock: true,
  refreshMarginMs: true,
  clockSkewMs: true,
  renewTimeoutMs: true,
  touchPersistIntervalMs: true,
  maxBackOffMs: true,
} as const satisfies OptionKeys<SessionManagerOptions<SessionBase>>;

/** Counters of what a manager did; handy for logs and the demo. */
export interface SessionManagerStats {
  logins: number;
  refreshes: number;
  restores: number;
  invalidations: number;
  rateLimited: number;
}

/** Options of {@link SessionManager.renew}. */
export interface RenewOptions {
  /** Detaches this caller only; the shared renewal carries on. */
  signal?: AbortSignal | undefined;
  /** Skip the refresh and do a full login (e.g. for credentials only a login returns). */
  login?: boolean | undefined;
  /**
   * `false`: when the vendor refuses the refresh token (`TokenRefreshError`),
   * throw that error instead of falling back to a login — an explicit
   * "refresh" that must not turn into a password sign-in. Other
   * authentication failures of the refresh still lead to a login. Default `true`.
   */
  loginIfRefreshRefused?: boolean | undefined;
}

interface RenewalPlan {
  /** A token that must not be accepted as the outcome. */
  replacing: string | undefined;
  /** Explicitly requested: failures are thrown instead of falling back to the current session. */
  forced: boolean;
  login: boolean;
  loginIfRefreshRefused: boolean;
}

const MAX_BAD_TOKENS = 16;
const EAGER_RETRY_MS = 5_000;

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
  /** What this manager did so far. */
  readonly stats: SessionManagerStats = {
    logins: 0,
    refreshes: 0,
    restores: 0,
    invalidations: 0,
    rateLimited: 0,
  };

  readonly #strategy: AuthStrategy<S>;
  readonly #clock: Clock;
  readonly #margin: number;
  readonly #skew: number;
  readonly #renewTimeoutMs: number;
  readonly #touchPersistMs: number;
  readonly #maxBackOffMs: number;
  readonly #events = new Emitter<SessionManagerEvents>();
  readonly #badTokens = new Set<string>();
  #current: S | undefined;
  #pending: Promise<S> | undefined;
  #pendingIsLogin = false;
  #queuedLogin: Promise<S> | undefined;
  #eagerRetryAt = 0;
  #throttleUntil = 0;
  /** A back-off this instance met but could not write to the store: only it knows. */
  #unsharedThrottleUntil = 0;
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
    if (typeof options.strategy.vendor !== 'string' || typeof options.strategy.account !== 'string') {
      throw new ConfigurationError('SessionManager option `strategy` must name its `vendor` and `account`');
    }
    if (options.store !== undefined) {
      checkStoreOption(options.store, 'SessionManager option `store`');
    }
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
    this.#strategy = options.strategy;
    this.store = options.store ?? new MemoryStore();
    this.#clock = options.clock ?? systemClock;
    this.#margin = nonNegative(options.refreshMarginMs ?? options.strategy.refreshMarginMs ?? 60_000);
    this.#skew = nonNegative(options.clockSkewMs ?? 5_000);
    this.#renewTimeoutMs = options.renewTimeoutMs ?? 60_000;
    this.#touchPersistMs = options.touchPersistIntervalMs ?? 60_000;
    this.#maxBackOffMs = options.maxBackOffMs ?? DEFAULT_MAX_BACK_OFF_MS;
    this.key = sessionKey(options.strategy.vendor, options.strategy.account);
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
    if (current !== undefined && this.#isFresh(current)) return Promise.resolve(current);
    if (
      current !== undefined &&
      this.#clock.now() < this.#eagerRetryAt &&
      !this.#isExpired(current) &&
      !this.#isBad(current)
    ) {
      return Promise.resolve(current);
    }
    return raceSignal(
      this.#renew({ replacing: undefined, forced: false, login: false, loginIfRefreshRefused: true }),
      signal,
    );
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
    const replacing = current === undefined ? undefined : this.#strategy.token(current);
    return raceSignal(this.#renew({ replacing, forced: true, login, loginIfRefreshRefused }), signal);
  }

  /**
   * Compare-and-swap invalidation: marks `session`'s token as rejected. Only
   * when it is still the current token is the current session dropped; a
   * fresher session another caller already stored is left alone. Returns
   * whether the current session was dropped.
   */
  invalidate(session: S, reason = 'rejected by the vendor'): boolean {
    const token = this.#strategy.token(session);
    this.#markBad(session);
    const current = this.#current;
    if (current === undefined || this.#strategy.token(current) !== token) return false;
    this.#current = undefined;
    this.#eagerRetryAt = 0;
    this.stats.invalidations++;
    this.#events.emit('invalidate', { ...this.#base(), reason });
    return true;
  }

  /** Records a successful use (sliding-expiry vendors). Cheap: persists at most once per interval. */
  touch(session: S): void {
    const touch = this.#strategy.touch;
    if (!touch) return;
    const current = this.#current;
    if (current === undefined || this.#strategy.token(current) !== this.#strategy.token(session)) return;
    const now = this.#clock.now();
    const next = touch.call(this.#strategy, current, now);
    this.#current = next;
    if (now - this.#lastTouchPersist < this.#touchPersistMs) return;
    this.#lastTouchPersist = now;
    const write = this.#persistIfStillCurrent(next)
      .catch((error: unknown) => this.#reportError(error, 'touch'))
      .finally(() => this.#pendingWrites.delete(write));
    this.#pendingWrites.add(write);
  }

  /**
   * Makes a session obtained elsewhere (a saved token, a migrated file)
   * current and stores it; resolves with the session now in use.
   * `{ persist: false }`: this instance only, the store is left untouched.
   * `{ preferStored: true }`: a valid session already in the store (another
   * process may have just renewed) wins and is adopted instead — checked and
   * written under the store lock, so no fresher session is ever overwritten.
   */
  async setSession(session: S, options: { persist?: boolean; preferStored?: boolean } = {}): Promise<S> {
    const parsed = this.#strategy.schema.safeParse(session);
    if (!parsed.success) {
      throw new ConfigurationError(
        `The session given for ${this.key} does not match the ${this.#strategy.vendor} schema`,
        { vendor: this.#strategy.vendor },
      );
    }
    const given = parsed.data;
    if (options.persist ?? true) {
      const kept = await this.store.withLock(this.key, async () => {
        if (options.preferStored) {
          const stored = await this.#readStored();
          if (stored !== undefined && !this.#isExpired(stored) && !this.#isBad(stored)) return stored;
        }
        await this.#persist(given);
        return given;
      });
      if (kept !== given) {
        this.#adopt(kept);
        this.stats.restores++;
        this.#events.emit('restore', { ...this.#base(), expiresAt: kept.expiresAt });
        return kept;
      }
    }
    this.#adopt(given);
    this.#events.emit('set', { ...this.#base(), expiresAt: given.expiresAt });
    return given;
  }

  /**
   * Loads the stored session into memory if it is valid, without contacting
   * the vendor. Returns it, or `undefined` when there is none usable.
   */
  async restore(): Promise<S | undefined> {
    const stored = await this.#readStored();
    if (stored === undefined || this.#isExpired(stored) || this.#isBad(stored)) return undefined;
    this.#adopt(stored);
    this.stats.restores++;
    this.#events.emit('restore', { ...this.#base(), expiresAt: stored.expiresAt });
    return stored;
  }

  /** Deletes the stored session and forgets the one in memory (logout). */
  async clear(): Promise<void> {
    await this.store.withLock(this.key, () => this.store.delete(this.key));
    this.#current = undefined;
  }

  /** Milliseconds of login back-off left, as known to this instance (0 when none). */
  get rateLimitedForMs(): number {
    return Math.max(0, this.#throttleUntil - this.#clock.now());
  }

  /**
   * Lifts the login/refresh back-off of this manager's throttle key, for this
   * instance and in the store (so for every instance sharing it). The next
   * renewal contacts the vendor again, which answers with a new rate limit if
   * it still has one. The session is kept.
   */
  async clearBackOff(): Promise<void> {
    const key = this.#throttleKey();
    await this.store.withLock(this.key, () => this.store.delete(key));
    this.#throttleUntil = 0;
    this.#unsharedThrottleUntil = 0;
  }

  /**
   * Stops sliding-expiry persistence and waits for writes already started,
   * so a closed client leaves its store settled. Idempotent.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#pendingWrites]);
  }

  #renew(plan: RenewalPlan): Promise<S> {
    if (plan.login && this.#pending !== undefined && !this.#pendingIsLogin) {
      // A login asked for while a refresh runs must not be answered by that refresh: queue one
      // login behind it, shared by everyone who asks meanwhile.
      this.#queuedLogin ??= this.#pending
        .catch(() => undefined)
        .then(() => {
          this.#queuedLogin = undefined;
          return this.#renew(plan);
        });
      return this.#queuedLogin;
    }
    if (this.#pending === undefined) {
      this.#pendingIsLogin = plan.login;
      this.#pending = this.#runRenewal(plan).finally(() => {
        this.#pending = undefined;
      });
    }
    return this.#pending;
  }

  async #runRenewal(plan: RenewalPlan): Promise<S> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`renewal timed out after ${this.#renewTimeoutMs} ms`)),
      this.#renewTimeoutMs,
    );
    timer.unref?.();
    const context: AuthContext<S> = { signal: controller.signal, clock: this.#clock };
    const previous = this.#current;
    try {
      if (previous === undefined) {
        const restored = await this.#tryRestoreWithoutLock();
        if (restored) return restored;
      }
      return await this.store.withLock(this.key, () => this.#renewLocked(context, plan));
    } catch (error) {
      if (plan.forced) throw error;
      return this.#fallBackToCurrent(previous, error);
    } finally {
      clearTimeout(timer);
    }
  }

  async #tryRestoreWithoutLock(): Promise<S | undefined> {
    let stored: S | undefined;
    try {
      stored = await this.#readStored();
    } catch (error) {
      this.#reportError(error, 'store read');
      return undefined;
    }
    if (stored === undefined || !this.#isFresh(stored)) return undefined;
    this.#adopt(stored);
    this.stats.restores++;
    this.#events.emit('restore', { ...this.#base(), expiresAt: stored.expiresAt });
    return stored;
  }

  async #renewLocked(context: AuthContext<S>, plan: RenewalPlan): Promise<S> {
    const stored = await this.#readStored();
    // A forced login is a login: a fresh stored session does not answer it.
    if (
      !plan.login &&
      stored !== undefined &&
      this.#isFresh(stored) &&
      this.#strategy.token(stored) !== plan.replacing
    ) {
      this.#adopt(stored);
      this.stats.restores++;
      this.#events.emit('restore', { ...this.#base(), expiresAt: stored.expiresAt });
      return stored;
    }
    const base = stored ?? this.#current;
    context.previous = base;
    await this.#refuseWhileBackingOff();
    let next: S | undefined;
    const refresh = this.#strategy.refresh?.bind(this.#strategy);
    if (base !== undefined && refresh && !plan.login) {
      const started = this.#clock.now();
      try {
        next = await this.#recordingRateLimits(() => refresh(base, context));
        this.stats.refreshes++;
        this.#events.emit('refresh', {
          ...this.#base(),
          expiresAt: next.expiresAt,
          durationMs: this.#clock.now() - started,
        });
      } catch (error) {
        if (!isAuthenticationFailure(error)) throw error;
        if (!plan.loginIfRefreshRefused && isTokenwiseError(error, ErrorCodes.TokenRefreshError)) throw error;
        this.#reportError(error, 'refresh');
      }
    }
    next ??= await this.#login(context);
    this.#badTokens.delete(this.#strategy.token(next));
    try {
      await this.#persist(next);
    } catch (error) {
      // The new session is valid; losing it because the store is down would force another login.
      this.#reportError(error, 'store write');
    }
    this.#adopt(next);
    return next;
  }

  async #login(context: AuthContext<S>): Promise<S> {
    const started = this.#clock.now();
    const session = await this.#recordingRateLimits(() => this.#strategy.login(context));
    this.stats.logins++;
    this.#events.emit('login', {
      ...this.#base(),
      expiresAt: session.expiresAt,
      durationMs: this.#clock.now() - started,
    });
    return session;
  }

  #throttleKey(): string {
    return throttleStoreKey(this.#strategy.throttleKey ?? this.key);
  }

  /**
   * Refuses to contact the vendor while a back-off (this instance's or a shared one) is in force.
   * The store is the truth when it can be read, so a back-off cleared elsewhere (`clearBackOff()`,
   * `tokenwise reset`) ends here too; memory is the fallback when it cannot.
   */
  async #refuseWhileBackingOff(): Promise<void> {
    const now = this.#clock.now();
    const storedUntil = await this.#readThrottle(this.#throttleKey());
    const until =
      storedUntil === undefined ? this.#throttleUntil : Math.max(storedUntil, this.#unsharedThrottleUntil);
    this.#throttleUntil = until;
    if (until <= now) return;
    this.stats.rateLimited++;
    this.#events.emit('rate-limited', { ...this.#base(), retryAfterMs: until - now, fromStore: true });
    throw new RateLimitError(
      `Login for ${this.#strategy.vendor} is backing off after a rate limit; retry in ${Math.ceil((until - now) / 1000)} s`,
      { retryAfterMs: until - now, fromStore: true, vendor: this.#strategy.vendor },
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
      // A vendor's wait is bounded: one bogus Retry-After must not lock every process out for years.
      const backOff = boundedBackOff((error as RateLimitError).retryAfterMs, {
        defaultMs: this.#defaultRateLimitMs(),
        maxMs: this.#maxBackOffMs,
      });
      const retryAfterMs = backOff.ms;
      const backOffUntil = this.#clock.now() + retryAfterMs;
      this.#throttleUntil = Math.max(this.#throttleUntil, backOffUntil);
      this.stats.rateLimited++;
      this.#events.emit('rate-limited', { ...this.#base(), retryAfterMs, fromStore: false });
      if (retryAfterMs > 0) {
        try {
          const record: ThrottleRecord = { until: backOffUntil, reason: backOff.reason };
          await this.store.set(this.#throttleKey(), record, { expiresAt: backOffUntil });
        } catch (storeError) {
          this.#unsharedThrottleUntil = Math.max(this.#unsharedThrottleUntil, backOffUntil);
          this.#reportError(storeError, 'store write');
        }
      }
      if ((error as RateLimitError).retryAfterMs !== retryAfterMs) {
        throw new RateLimitError(error.message, {
          retryAfterMs,
          vendor: this.#strategy.vendor,
          cause: error,
        });
      }
      throw error;
    }
  }

  #defaultRateLimitMs(): number {
    const ms = this.#strategy.defaultRateLimitMs;
    return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : DEFAULT_RATE_LIMIT_MS;
  }

  /** The end of the stored back-off, cut to the maximum: 0 when none, `undefined` when the store failed. */
  async #readThrottle(key: string): Promise<number | undefined> {
    let record: ThrottleRecord;
    try {
      const parsed = throttleRecordSchema.safeParse(await this.store.get(key));
      if (!parsed.success) return 0;
      record = parsed.data;
    } catch (error) {
      this.#reportError(error, 'store read');
      return undefined;
    }
    const clamped = clampThrottleRecord(record, this.#clock.now(), this.#maxBackOffMs);
    if (clamped === undefined) return record.until;
    // Written back: cut afresh to "now + maximum" on every read, a 100-year record would never end.
    try {
      if (clamped.until > this.#clock.now()) {
        await this.store.set(key, clamped, { expiresAt: clamped.until });
      } else {
        await this.store.delete(key);
      }
    } catch (error) {
      this.#reportError(error, 'store write');
    }
    return clamped.until;
  }

  /** A failed eager renewal leaves a still-valid session usable (static stability). */
  #fallBackToCurrent(previous: S | undefined, error: unknown): S {
    const current = this.#current ?? previous;
    if (current !== undefined && !this.#isExpired(current) && !this.#isBad(current)) {
      this.#eagerRetryAt = this.#clock.now() + EAGER_RETRY_MS;
      this.#reportError(error, 'eager renewal');
      this.#current = current;
      return current;
    }
    throw error;
  }

  async #readStored(): Promise<S | undefined> {
    const raw = await this.store.get(this.key);
    if (raw === undefined || raw === null) return undefined;
    const envelope = raw as { schemaVersion?: unknown; session?: unknown };
    if (typeof envelope !== 'object' || typeof envelope.schemaVersion !== 'number') {
      this.#reportError(
        new StoreError(`The stored value of ${this.key} is not a session envelope`),
        'store read',
      );
      return undefined;
    }
    const parsed = this.#strategy.schema.safeParse(envelope.session);
    if (!parsed.success) {
      this.#reportError(
        new StoreError(
          `The stored session of ${this.key} does not match the ${this.#strategy.vendor} schema`,
        ),
        'store read',
      );
      return undefined;
    }
    return parsed.data;
  }

  async #persist(session: S): Promise<void> {
    // A refreshable session outlives its access token: stores with expiry (Redis) must keep it
    // until the strategy says it is useless, or until forever when the strategy cannot tell.
    const keepUntil = this.#strategy.storeExpiresAt
      ? this.#strategy.storeExpiresAt(session)
      : this.#strategy.refresh
        ? undefined
        : session.expiresAt;
    await this.store.set(
      this.key,
      { schemaVersion: SESSION_SCHEMA_VERSION, session },
      keepUntil === undefined ? {} : { expiresAt: keepUntil },
    );
  }

  async #persistIfStillCurrent(session: S): Promise<void> {
    if (this.#closed) return;
    const token = this.#strategy.token(session);
    await this.store.withLock(this.key, async () => {
      const stored = await this.#readStored();
      if (stored !== undefined && this.#strategy.token(stored) !== token) return;
      await this.#persist(session);
    });
  }

  #adopt(session: S): void {
    this.#current = session;
    this.#eagerRetryAt = 0;
    // The session was just read from or written to the store: no touch write is due yet.
    this.#lastTouchPersist = this.#clock.now();
  }

  #isFresh(session: S): boolean {
    if (this.#isBad(session)) return false;
    const expiresAt = session.expiresAt;
    if (expiresAt === undefined) return true;
    const now = this.#clock.now();
    // A session minted "in the future" means our clock went backwards: trust nothing about it.
    if (session.issuedAt > now + this.#skew + 60_000) return false;
    const lifetime = expiresAt - session.issuedAt;
    // A margin longer than the session itself would renew on every call.
    const margin = lifetime > 0 ? Math.min(this.#margin, lifetime / 2) : this.#margin;
    return now + margin + this.#skew < expiresAt;
  }

  #isExpired(session: S): boolean {
    return session.expiresAt !== undefined && this.#clock.now() + this.#skew >= session.expiresAt;
  }

  #isBad(session: S): boolean {
    return this.#badTokens.has(this.#strategy.token(session));
  }

  #markBad(session: S): void {
    this.#badTokens.add(this.#strategy.token(session));
    if (this.#badTokens.size > MAX_BAD_TOKENS) {
      const oldest = this.#badTokens.values().next().value;
      if (oldest !== undefined) this.#badTokens.delete(oldest);
    }
  }

  #reportError(error: unknown, during: string): void {
    const code = isTokenwiseError(error) ? error.code : 'UNKNOWN';
    const message = isTokenwiseError(error) ? error.message : 'unexpected error';
    this.#events.emit('error', { ...this.#base(), errorCode: code, message, during });
  }

  #base(): SessionEventBase {
    return { vendor: this.#strategy.vendor, account: this.#strategy.account, key: this.key };
  }
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
