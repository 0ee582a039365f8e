import { randomUUID } from 'node:crypto';
import { sleep } from '../abort.js';
import { DEFAULT_RATE_LIMIT_MS } from '../back-off.js';
import type { Clock } from '../clock.js';
import { RateLimitError } from '../errors.js';
import {
  bindingObservation,
  parseRateLimitHeaders,
  type RateLimitObservation,
} from '../http/rate-limit-headers.js';
import {
  clampQuotaRecord,
  DEFAULT_QUOTA_WINDOW_MS,
  liveQuotaLeases,
  MAX_QUOTA_WINDOW_MS,
  type QuotaLease,
  type QuotaRecord,
  quotaChunkSize,
  quotaRecordSchema,
  quotaResetBoundMs,
  quotaSpentForMs,
  quotaStoreKey,
  quotaSupersedes,
} from '../quota-record.js';
import { parseRetryAfter } from '../retry-after.js';
import type { TokenStore } from '../store/token-store.js';

/**
 * How often the count is written to the store while this instance's share
 * lasts: at most once a minute. That write only feeds tools (`tokenwise
 * status`) and renews the share; taking a new share writes anyway.
 */
export const QUOTA_PERSIST_INTERVAL_MS = 60_000;

/**
 * How long unspent units of a share are held without being renewed: an idle
 * or dead instance's come back then. Units of calls in flight are held until
 * those calls' deadlines.
 */
export const QUOTA_SHARE_MS = 2_000;

/** Below this many units free, shares are one unit and every answer is written at once. */
const QUOTA_TAIL = 16;

/** First and longest wait, in ms, for a unit while every one left is held by other instances. */
const SHARE_WAIT_MS = [25, 500] as const;

/**
 * What {@link RequestQuota.gate} hands a call while the vendor reports a
 * quota: give it back through `observe` (an answer) or `release` (none).
 */
export interface QuotaPermit {
  /** When the call was let through, epoch ms: its request is sent no earlier. */
  readonly sentAt: number;
  /** The call spends a unit of this instance's share (false: the store could not be used). */
  readonly covered: boolean;
}

/** What a `quota` event tells: the record's fields and whether a call was refused. No secret. */
export interface QuotaEventFields {
  policy: string;
  limit: number | null;
  remaining: number;
  resetAt: number | null;
  windowMs: number | null;
  /** True when a call was refused locally because the quota is spent (nothing was sent). */
  refused: boolean;
}

/** What {@link RequestQuota} needs from its manager. */
export interface RequestQuotaOptions {
  store: TokenStore;
  /** The strategy's throttle key (or the session key). */
  throttleKey: string;
  vendor: string;
  clock: Clock;
  maxBackOffMs: number;
  /** Wait before probing again when a spent quota names no reset. */
  defaultRateLimitMs: number | undefined;
  /**
   * Hands a failed store read or write to the manager's `error` event; the
   * quota goes on without the store rather than failing the call.
   */
  report(error: unknown, during: string): void;
  /** Hands the manager a `quota` event: when an answer brings newer quota figures, and on each call refused. */
  emit(event: QuotaEventFields): void;
}

/**
 * The request quota a vendor reports in `RateLimit` headers, shared through
 * the store under `quota:<throttleKey>` so that instances together never
 * send more requests than the vendor has left.
 *
 * Every call spends a unit of its instance's share: the instance takes a
 * share under the record's lock (the count left, lowest seen by anyone,
 * minus every other instance's share, then an eighth of what is free, 1 to
 * 64 units) and spends it from memory, so the common call does no I/O. The
 * stored count only falls within a window (out-of-order answers cannot
 * raise it), and a share covers its calls until their answers are merged
 * into it, so the shares never add up to more than the vendor has left: no
 * request goes out that can only earn a 429 (requests by apps outside the
 * store cannot be counted). When shares hold every unit, a call waits for
 * them (within its deadline); once spent, calls are refused with a
 * `RateLimitError` until the reset; a share lapses after
 * {@link QUOTA_SHARE_MS} unless renewed, so a dead process's share comes
 * back. A store that fails never fails a call: it goes out uncounted and
 * the error is an `error` event. A vendor that never sends the headers
 * costs one store read per instance.
 */
export class RequestQuota {
  /** The store key, `quota:<throttleKey>`. */
  readonly key: string;
  readonly #o: RequestQuotaOptions;
  /** This instance's share id in the record's `leases`. */
  readonly #shareId = randomUUID();
  #known: QuotaRecord | undefined;
  /** Headers seen or a record found: a call without a share reads the store first. */
  #watching = false;
  #probed = false;
  #reading: Promise<void> | undefined;
  #persistedAt = Number.NEGATIVE_INFINITY;
  /** The reset of the spent record this instance last wrote: one write per exhaustion. */
  #sharedSpentUntil = 0;
  /** Units of the share not yet spent, and until when they are held. */
  #unspent = 0;
  #shareUntil = 0;
  /** Calls of this share sent whose answers are not yet in the stored count, and their latest deadline. */
  #inFlight = 0;
  #inFlightUntil = 0;
  /** Few units were free at the last share: every answer is written at once. */
  #tail = false;
  /** One share taken at a time; concurrent calls wait for it. */
  #taking: Promise<void> | undefined;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: RequestQuotaOptions) {
    this.#o = options;
    this.key = quotaStoreKey(options.throttleKey);
  }

  /** The quota as this instance knows it (memory only), or `undefined`. */
  get known(): QuotaRecord | undefined {
    return this.#known;
  }

  /**
   * True when a call needs nothing from the quota: the vendor was never seen
   * to report one and the store was already asked. `gate` need not be awaited then.
   */
  get idle(): boolean {
    return this.#probed && !this.#watching;
  }

  /**
   * Resolves when a call may go out, with a permit while the vendor is known
   * to report a quota (hand it to `observe` or `release`), else `undefined`.
   * Throws a `RateLimitError` (with `retryAfterMs` until the reset,
   * `fromStore: true`) while the quota is spent, as known here or from the
   * store. Waits (up to `signal`) while other instances' shares hold every
   * unit left.
   */
  async gate(signal?: AbortSignal, deadlineMs = 60_000): Promise<QuotaPermit | undefined> {
    for (let waitMs: number = SHARE_WAIT_MS[0]; ; waitMs = Math.min(waitMs * 2, SHARE_WAIT_MS[1])) {
      const now = this.#o.clock.now();
      if (this.#unspent > 0 && this.#shareUntil > now + QUOTA_SHARE_MS / 2) {
        return this.#spendUnit(now, deadlineMs);
      }
      if (quotaSpentForMs(this.#known, now) === 0 && (this.#watching || !this.#probed)) {
        await this.#readShared();
      }
      const waitForResetMs = quotaSpentForMs(this.#known, this.#o.clock.now());
      if (waitForResetMs > 0) throw this.#refusal(waitForResetMs);
      if (this.#known === undefined) return undefined;
      const outcome = await this.#takeShare();
      if (outcome === 'uncounted') return { sentAt: this.#o.clock.now(), covered: false };
      if (outcome === 'taken' && this.#unspent > 0) return this.#spendUnit(this.#o.clock.now(), deadlineMs);
      if (outcome === 'spent') continue; // the check above refuses with the reset
      await sleep(waitMs, signal);
    }
  }

  /**
   * Gives back a permit whose call got no answer to count: the unit returns
   * to the share when nothing was sent; a request that may have reached the
   * vendor (`sent`) is taken to have spent it.
   */
  async release(permit: QuotaPermit | undefined, sent: boolean): Promise<void> {
    if (permit?.covered !== true) return;
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (!sent) {
      this.#unspent++;
      return;
    }
    const known = this.#known;
    if (known !== undefined) this.#known = this.#spend(known, this.#o.clock.now());
  }

  /**
   * Takes up the quota a response reports (any status). Resolves with the
   * wait until the reset when the quota is now spent (a 429 with the headers
   * always is), else `undefined`. No headers: nothing is counted (the unit
   * is given back unspent).
   */
  async observe(headers: Headers, status: number, permit?: QuotaPermit): Promise<number | undefined> {
    const binding = bindingObservation(parseRateLimitHeaders(headers));
    if (binding === undefined) {
      await this.release(permit, false);
      return undefined;
    }
    // Its answer is in memory now; the share keeps covering it until the next write merges it.
    const now = this.#o.clock.now();
    this.#watching = true;
    this.#probed = true;
    const record = this.#record(binding, status, headers, now, permit?.sentAt);
    if (quotaSupersedes(record, this.#known, now)) {
      this.#known = record;
      this.#emit(record, false);
    }
    if (permit?.covered === true) this.#inFlight = Math.max(0, this.#inFlight - 1);
    const known = this.#known ?? record;
    const waitMs = quotaSpentForMs(known, now);
    if (waitMs > 0) {
      this.#unspent = 0;
      if ((known.resetAt ?? 0) > this.#sharedSpentUntil) {
        this.#sharedSpentUntil = known.resetAt ?? 0;
        this.#persistedAt = now;
        // Awaited: once this call ends, every instance sharing the store refuses.
        await this.#sync(0);
      }
      return waitMs;
    }
    if (this.#tail && permit?.covered === true) {
      // Few left: other instances may be waiting for exactly this unit's answer.
      this.#persistedAt = now;
      await this.#sync(this.#unspent);
    } else if (now - this.#persistedAt >= QUOTA_PERSIST_INTERVAL_MS) {
      this.#persistedAt = now;
      const write = this.#sync(this.#unspent).finally(() => this.#pending.delete(write));
      this.#pending.add(write);
    }
    return undefined;
  }

  /** The quota for tools: the store's record merged with what this instance saw. */
  async read(): Promise<QuotaRecord | undefined> {
    await this.#readShared();
    return this.#known;
  }

  /** Forgets the quota here and in the store (calls go out again until a response reports it). */
  async clear(): Promise<void> {
    await this.#o.store.withLock(this.key, () => this.#o.store.delete(this.key));
    this.#known = undefined;
    this.#sharedSpentUntil = 0;
    this.#unspent = 0;
    this.#shareUntil = 0;
  }

  /** Waits for background writes already started, then gives the unspent share back. */
  async settle(): Promise<void> {
    await Promise.all([...this.#pending]);
    if (this.#unspent > 0 || this.#shareUntil > 0) {
      this.#unspent = 0;
      await this.#sync(0);
    }
  }

  #spendUnit(now: number, deadlineMs: number): QuotaPermit {
    this.#unspent--;
    this.#inFlight++;
    this.#inFlightUntil = Math.max(this.#inFlightUntil, now + deadlineMs);
    return { sentAt: now, covered: true };
  }

  /**
   * Takes a new share under the record's lock (one at a time per instance).
   * `uncounted`: the store failed (reported); the call goes out uncounted.
   */
  async #takeShare(): Promise<'taken' | 'spent' | 'all-held' | 'uncounted'> {
    if (this.#taking !== undefined) {
      await this.#taking;
      return 'taken';
    }
    let outcome: 'taken' | 'spent' | 'all-held' | 'uncounted' = 'uncounted';
    this.#taking = this.#o.store
      .withLock(this.key, async () => {
        const now = this.#o.clock.now();
        const stored = await this.#readStored();
        if (stored !== undefined && quotaSupersedes(stored, this.#known, now)) this.#known = stored;
        const known = this.#known;
        if (known === undefined) {
          outcome = 'taken';
          this.#unspent = 1;
          this.#shareUntil = now + QUOTA_SHARE_MS;
          return;
        }
        if (quotaSpentForMs(known, now) > 0) {
          outcome = 'spent';
          return;
        }
        const others = liveQuotaLeases(stored, now).filter((lease) => !lease.id.startsWith(this.#shareId));
        const held = others.reduce((sum, lease) => sum + (lease.units ?? 1), 0);
        // Past the record's reset its count says nothing: one call at a time probes the new window.
        const windowOver = known.resetAt !== null && now >= known.resetAt;
        const free = (windowOver ? 1 : known.remaining) - held - this.#inFlight;
        this.#tail = windowOver || free < QUOTA_TAIL;
        const take = free > 0 ? Math.min(free, this.#tail ? 1 : quotaChunkSize(free)) : 0;
        this.#unspent = take;
        this.#shareUntil = now + QUOTA_SHARE_MS;
        await this.#write(known, others, now);
        outcome = take > 0 ? 'taken' : 'all-held';
      })
      .catch((error: unknown) => {
        this.#o.report(error, 'store write');
        outcome = 'uncounted';
      })
      .finally(() => {
        this.#taking = undefined;
      });
    await this.#taking;
    return outcome;
  }

  /**
   * Merges this instance's count into the store and renews its share with
   * `unspent` units (plus the calls still in flight) under the lock.
   */
  async #sync(unspent: number): Promise<void> {
    try {
      await this.#o.store.withLock(this.key, async () => {
        const now = this.#o.clock.now();
        const stored = await this.#readStored();
        const known = this.#known;
        const best =
          known === undefined || (stored !== undefined && !quotaSupersedes(known, stored, now))
            ? stored
            : known;
        if (best === undefined) return;
        this.#unspent = Math.min(this.#unspent, unspent);
        this.#shareUntil = this.#unspent > 0 ? now + QUOTA_SHARE_MS : 0;
        const others = liveQuotaLeases(stored, now).filter((lease) => !lease.id.startsWith(this.#shareId));
        await this.#write(best, others, now);
      });
    } catch (error) {
      this.#o.report(error, 'store write');
    }
  }

  /** The write itself (lock held): the count, the other shares and this one, kept past its reset. */
  async #write(record: QuotaRecord, others: QuotaLease[], now: number): Promise<void> {
    if (this.#inFlight === 0) this.#inFlightUntil = 0;
    const mine: QuotaLease[] = [];
    if (this.#unspent > 0) mine.push({ id: this.#shareId, until: this.#shareUntil, units: this.#unspent });
    if (this.#inFlight > 0) {
      mine.push({ id: `${this.#shareId}:in-flight`, until: this.#inFlightUntil, units: this.#inFlight });
    }
    const leases = [...others, ...mine];
    const { leases: _previous, ...bare } = record;
    const keepUntil = Math.max(
      bare.resetAt ?? 0,
      bare.observedAt + (bare.windowMs ?? DEFAULT_QUOTA_WINDOW_MS),
      ...leases.map((lease) => lease.until),
      now,
    );
    await this.#o.store.set(this.key, leases.length > 0 ? { ...bare, leases } : bare, {
      expiresAt: keepUntil,
    });
  }

  #record(
    binding: RateLimitObservation,
    status: number,
    headers: Headers,
    now: number,
    sentAt: number | undefined,
  ): QuotaRecord {
    // A 429 is the vendor saying the quota is spent, whatever count it printed.
    const remaining = status === 429 ? 0 : binding.remaining;
    const windowMs =
      binding.windowSeconds === undefined
        ? null
        : Math.min(binding.windowSeconds * 1000, MAX_QUOTA_WINDOW_MS);
    return {
      policy: binding.policy,
      limit: binding.limit ?? null,
      remaining,
      resetAt: this.#resetAt(binding.resetSeconds, remaining, windowMs, headers, now),
      windowMs,
      observedAt: now,
      ...(sentAt === undefined ? {} : { sentAt }),
    };
  }

  /**
   * `known` less the unit a call without a counted answer may have spent; at
   * none left, spent until the default wait, after which a call probes again.
   */
  #spend(known: QuotaRecord, now: number): QuotaRecord {
    const remaining = Math.max(0, known.remaining - 1);
    const resetAt =
      remaining > 0 || known.resetAt !== null ? known.resetAt : now + this.#defaultWaitMs(known.windowMs);
    return { ...known, remaining, resetAt, observedAt: now };
  }

  #defaultWaitMs(windowMs: number | null): number {
    const fallback = this.#o.defaultRateLimitMs;
    const defaultMs =
      typeof fallback === 'number' && Number.isFinite(fallback) && fallback > 0
        ? fallback
        : DEFAULT_RATE_LIMIT_MS;
    return Math.min(defaultMs, quotaResetBoundMs(windowMs, this.#o.maxBackOffMs));
  }

  /**
   * The reset: `t` when it lies within the bound (the window, one day when
   * none is announced, never less than `maxBackOffMs`); for a spent quota
   * without a believable `t`, a `Retry-After` within the bound, else the
   * default rate-limit wait, after which one call probes again and its
   * answer names the real reset.
   */
  #resetAt(
    resetSeconds: number | undefined,
    remaining: number,
    windowMs: number | null,
    headers: Headers,
    now: number,
  ): number | null {
    const boundMs = quotaResetBoundMs(windowMs, this.#o.maxBackOffMs);
    if (resetSeconds !== undefined && resetSeconds * 1000 <= boundMs) return now + resetSeconds * 1000;
    if (remaining > 0) return null;
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
    if (retryAfterMs !== undefined && retryAfterMs > 0 && retryAfterMs <= boundMs) return now + retryAfterMs;
    return now + this.#defaultWaitMs(windowMs);
  }

  /** One store read shared by the calls that ask meanwhile. */
  #readShared(): Promise<void> {
    this.#reading ??= this.#readStored()
      .then(
        (stored) => {
          if (stored === undefined) return;
          this.#watching = true;
          if (quotaSupersedes(stored, this.#known, this.#o.clock.now())) this.#known = stored;
        },
        (error: unknown) => {
          // A vendor not known to report a quota is not worth an error event for a failed probe.
          if (this.#watching) this.#o.report(error, 'store read');
        },
      )
      .finally(() => {
        this.#probed = true;
        this.#reading = undefined;
      });
    return this.#reading;
  }

  async #readStored(): Promise<QuotaRecord | undefined> {
    const parsed = quotaRecordSchema.safeParse(await this.#o.store.get(this.key));
    if (!parsed.success) return undefined;
    return clampQuotaRecord(parsed.data, this.#o.clock.now(), this.#o.maxBackOffMs) ?? parsed.data;
  }

  #refusal(waitMs: number): RateLimitError {
    const known = this.#known;
    if (known !== undefined) this.#emit(known, true);
    const limit = known?.limit == null ? '' : ` of ${known.limit}`;
    return new RateLimitError(
      `${this.#o.vendor}: the request quota${limit} is spent; calls resume in ${Math.ceil(waitMs / 1000)} s (nothing was sent)`,
      { retryAfterMs: waitMs, fromStore: true, vendor: this.#o.vendor },
    );
  }

  #emit(record: QuotaRecord, refused: boolean): void {
    this.#o.emit({
      policy: record.policy,
      limit: record.limit,
      remaining: record.remaining,
      resetAt: record.resetAt,
      windowMs: record.windowMs,
      refused,
    });
  }
}
