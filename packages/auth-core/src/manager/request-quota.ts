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
  MAX_QUOTA_WINDOW_MS,
  type QuotaRecord,
  quotaRecordSchema,
  quotaResetBoundMs,
  quotaSpentForMs,
  quotaStoreKey,
  quotaSupersedes,
} from '../quota-record.js';
import { parseRetryAfter } from '../retry-after.js';
import type { TokenStore } from '../store/token-store.js';

/**
 * How often a quota that is not spent is written to the store: at most once
 * a minute per instance. That record only feeds tools (`tokenwise status`);
 * instances learn the live count from their own responses.
 */
export const QUOTA_PERSIST_INTERVAL_MS = 60_000;

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
  report(error: unknown, during: string): void;
  emit(event: QuotaEventFields): void;
}

/**
 * The request quota a vendor reports in `RateLimit` headers, shared through
 * the store under `quota:<throttleKey>` so every instance refuses calls that
 * could only earn a 429.
 *
 * Cost on the call path: memory answers first. While the vendor is known to
 * report a quota, each call reads the record once (no lock; concurrent calls
 * of one instance share one read) so an exhaustion seen by another instance
 * stops this one at once. Writes stay off the common path: the call whose
 * answer spends the quota waits for one locked write (once per window and
 * instance), other observations are written in the background at most once
 * per {@link QUOTA_PERSIST_INTERVAL_MS}, errors reported as `error` events.
 * A vendor that never sends the headers costs one store read per instance.
 */
export class RequestQuota {
  /** The store key, `quota:<throttleKey>`. */
  readonly key: string;
  readonly #o: RequestQuotaOptions;
  #known: QuotaRecord | undefined;
  /** Headers seen or a record found: the store is read before every call. */
  #watching = false;
  #probed = false;
  #reading: Promise<void> | undefined;
  #persistedAt = Number.NEGATIVE_INFINITY;
  /** The reset of the spent record this instance last wrote: one write per exhaustion. */
  #sharedSpentUntil = 0;
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
   * Resolves when a call may go out; throws a `RateLimitError` (with
   * `retryAfterMs` until the reset, `fromStore: true`) while the quota is
   * spent, as known here or from the store.
   */
  async gate(): Promise<void> {
    if (quotaSpentForMs(this.#known, this.#o.clock.now()) === 0 && (this.#watching || !this.#probed)) {
      await this.#readShared();
    }
    const waitMs = quotaSpentForMs(this.#known, this.#o.clock.now());
    if (waitMs > 0) throw this.#refusal(waitMs);
  }

  /**
   * Takes up the quota a response reports (any status). Resolves with the
   * wait until the reset when the quota is now spent (a 429 with the headers
   * always is), else `undefined`. No headers: nothing changes.
   */
  async observe(headers: Headers, status: number): Promise<number | undefined> {
    const binding = bindingObservation(parseRateLimitHeaders(headers));
    if (binding === undefined) return undefined;
    const now = this.#o.clock.now();
    this.#watching = true;
    this.#probed = true;
    const record = this.#record(binding, status, headers, now);
    if (quotaSupersedes(record, this.#known, now)) {
      this.#known = record;
      this.#emit(record, false);
    }
    const known = this.#known ?? record;
    const waitMs = quotaSpentForMs(known, now);
    if (waitMs > 0) {
      if ((known.resetAt ?? 0) > this.#sharedSpentUntil) {
        this.#sharedSpentUntil = known.resetAt ?? 0;
        this.#persistedAt = now;
        // Awaited: once this call ends, every instance sharing the store refuses.
        await this.#persist(known);
      }
      return waitMs;
    }
    if (known === record && now - this.#persistedAt >= QUOTA_PERSIST_INTERVAL_MS) {
      this.#persistedAt = now;
      const write = this.#persist(record).finally(() => this.#pending.delete(write));
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
  }

  /** Waits for background writes already started. */
  async settle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  #record(binding: RateLimitObservation, status: number, headers: Headers, now: number): QuotaRecord {
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
    };
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
    const fallback = this.#o.defaultRateLimitMs;
    const defaultMs =
      typeof fallback === 'number' && Number.isFinite(fallback) && fallback > 0
        ? fallback
        : DEFAULT_RATE_LIMIT_MS;
    return now + Math.min(defaultMs, boundMs);
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

  async #persist(record: QuotaRecord): Promise<void> {
    try {
      await this.#o.store.withLock(this.key, async () => {
        const now = this.#o.clock.now();
        const stored = await this.#readStored();
        if (stored !== undefined && !quotaSupersedes(record, stored, now)) return;
        const keepUntil = Math.max(
          record.resetAt ?? 0,
          record.observedAt + (record.windowMs ?? DEFAULT_QUOTA_WINDOW_MS),
        );
        await this.#o.store.set(this.key, record, { expiresAt: keepUntil });
      });
    } catch (error) {
      this.#o.report(error, 'store write');
    }
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
