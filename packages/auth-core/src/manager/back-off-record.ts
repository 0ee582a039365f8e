import { boundedBackOff, DEFAULT_RATE_LIMIT_MS } from '../back-off.js';
import type { Clock } from '../clock.js';
import { ErrorCodes, isTokenwiseError, RateLimitError } from '../errors.js';
import type { TokenStore } from '../store/token-store.js';
import {
  clampThrottleRecord,
  type ThrottleRecord,
  throttleRecordSchema,
  throttleStoreKey,
} from '../throttle-record.js';

/** What {@link BackOffRecord} needs from its manager. */
export interface BackOffRecordOptions {
  store: TokenStore;
  /** The strategy's throttle key (or the session key). */
  throttleKey: string;
  vendor: string;
  clock: Clock;
  maxBackOffMs: number;
  /** Back-off after a 429 without a usable `Retry-After`. */
  defaultRateLimitMs: number | undefined;
  /** Minimum time between two login attempts under this key, shared through the store. 0: none. */
  minLoginIntervalMs: number;
  report(error: unknown, during: string): void;
}

/** A back-off found in force: how long it still runs. */
export interface BackOffInForce {
  retryAfterMs: number;
}

/**
 * The login/refresh back-off of one throttle key, shared through the store so
 * every instance honours it: the end of the last rate limit (bounded by
 * `maxBackOffMs`, also when read back) and the start of the last login (for a
 * vendor that punishes logins closer than a minimum interval). Memory is the
 * fallback when the store cannot be read or written.
 */
export class BackOffRecord {
  readonly #o: BackOffRecordOptions;
  readonly #key: string;
  #until = 0;
  /** A back-off this instance met but could not write to the store: only it knows. */
  #unsharedUntil = 0;

  constructor(options: BackOffRecordOptions) {
    this.#o = options;
    this.#key = throttleStoreKey(options.throttleKey);
  }

  /** Milliseconds of back-off left, as known to this instance. */
  get remainingMs(): number {
    return Math.max(0, this.#until - this.#o.clock.now());
  }

  /**
   * The back-off in force, or `undefined`. The store is the truth when it can
   * be read, so a back-off cleared elsewhere (`clearBackOff()`, `tokenwise
   * reset`) ends here too.
   */
  async inForce(): Promise<BackOffInForce | undefined> {
    const now = this.#o.clock.now();
    const record = await this.#read();
    const until = record === undefined ? this.#until : Math.max(record.until, this.#unsharedUntil);
    this.#until = until;
    return until > now ? { retryAfterMs: until - now } : undefined;
  }

  /**
   * Claims the right to start a login now, or throws a `RateLimitError` for
   * the rest of the minimum interval since the last one anywhere. Atomic
   * across processes: checked and stamped under the throttle key's lock.
   */
  async claimLogin(): Promise<void> {
    const interval = this.#o.minLoginIntervalMs;
    if (interval <= 0) return;
    try {
      await this.#o.store.withLock(this.#key, () => this.#claimLocked(interval));
    } catch (error) {
      if (isTokenwiseError(error, ErrorCodes.RateLimitError)) throw error;
      // The store is down: a login it cannot space is still better than none.
      this.#o.report(error, 'store write');
    }
  }

  async #claimLocked(interval: number): Promise<void> {
    const now = this.#o.clock.now();
    const record = await this.#read();
    let last = record?.lastLoginAt;
    if (last !== undefined && last > now) {
      // A stamp "from the future" (a clock turned back) is moved to now, so it blocks for one
      // interval from here rather than until the clock catches up.
      last = now;
      await this.#write(
        { ...(record ?? { until: 0, reason: 'login spacing' }), lastLoginAt: now },
        now + interval,
      );
    }
    const waitMs = last === undefined ? 0 : last + interval - now;
    if (waitMs > 0) {
      // Known here for `rateLimitedForMs`; the stamp itself is what other instances read.
      this.#until = Math.max(this.#until, now + waitMs);
      throw new RateLimitError(
        `${this.#o.vendor}: the last login of this account was less than ${Math.ceil(interval / 1000)} s ago; the vendor punishes closer logins, so this one waits ${Math.ceil(waitMs / 1000)} s`,
        { retryAfterMs: waitMs, vendor: this.#o.vendor },
      );
    }
    await this.#write(
      { until: record?.until ?? 0, reason: record?.reason || 'login spacing', lastLoginAt: now },
      now + interval,
    );
  }

  /**
   * Records a rate limit met by a login or refresh and returns the bounded wait:
   * a vendor's `Retry-After` is cut to `maxBackOffMs`, an implausible one ignored.
   */
  async recordRateLimit(error: RateLimitError): Promise<number> {
    const backOff = boundedBackOff(error.retryAfterMs, {
      defaultMs: validMs(this.#o.defaultRateLimitMs) ?? DEFAULT_RATE_LIMIT_MS,
      maxMs: this.#o.maxBackOffMs,
    });
    const until = this.#o.clock.now() + backOff.ms;
    this.#until = Math.max(this.#until, until);
    if (backOff.ms > 0) {
      try {
        await this.#o.store.withLock(this.#key, async () => {
          const record = await this.#read();
          await this.#write({ ...record, until, reason: backOff.reason }, until);
        });
      } catch (storeError) {
        this.#unsharedUntil = Math.max(this.#unsharedUntil, until);
        this.#o.report(storeError, 'store write');
      }
    }
    return backOff.ms;
  }

  /** Lifts the back-off here and in the store; the login stamp goes with it. */
  async clear(): Promise<void> {
    await this.#o.store.withLock(this.#key, () => this.#o.store.delete(this.#key));
    this.#until = 0;
    this.#unsharedUntil = 0;
  }

  /** The stored record cut to the maximum; `undefined` when the store failed, a zero record when none. */
  async #read(): Promise<ThrottleRecord | undefined> {
    let record: ThrottleRecord;
    try {
      const parsed = throttleRecordSchema.safeParse(await this.#o.store.get(this.#key));
      if (!parsed.success) return { until: 0, reason: '' };
      record = parsed.data;
    } catch (error) {
      this.#o.report(error, 'store read');
      return undefined;
    }
    const now = this.#o.clock.now();
    const clamped = clampThrottleRecord(record, now, this.#o.maxBackOffMs);
    if (clamped === undefined) return record;
    // Written back: cut afresh to "now + maximum" on every read, a 100-year record would never end.
    try {
      await this.#write(clamped, clamped.until);
    } catch (error) {
      this.#o.report(error, 'store write');
    }
    return clamped;
  }

  async #write(record: ThrottleRecord, keepUntil: number): Promise<void> {
    const now = this.#o.clock.now();
    const spacingEnds =
      record.lastLoginAt === undefined ? 0 : record.lastLoginAt + this.#o.minLoginIntervalMs;
    const expiresAt = Math.max(keepUntil, record.until, spacingEnds);
    if (expiresAt <= now) {
      await this.#o.store.delete(this.#key);
      return;
    }
    await this.#o.store.set(this.#key, record, { expiresAt });
  }
}

function validMs(ms: number | undefined): number | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
