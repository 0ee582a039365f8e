import { z } from 'zod';

/** One day: the reset bound of a quota whose window the vendor did not announce. */
export const DEFAULT_QUOTA_WINDOW_MS = 86_400_000;

/** Longest window believed (31 days): a monthly quota is real, a century-long one is a unit mix-up. */
export const MAX_QUOTA_WINDOW_MS = 31 * 86_400_000;

/** Largest share of a quota one instance takes at a time (units it may spend without I/O). */
export const QUOTA_MAX_SHARE = 64;

/**
 * Units of a quota held by one instance (its share), until its calls' answers
 * are counted or `until` passes.
 */
export const quotaLeaseSchema = z.object({
  /** Random, per instance. */
  id: z.string(),
  /** Epoch ms after which the share no longer counts (its process may have died). */
  until: z.number().finite(),
  /** Units held: unspent ones and calls whose answers are not yet counted. Default 1. */
  units: z.number().int().positive().optional(),
});

/** A share of a quota held by one instance. */
export type QuotaLease = z.infer<typeof quotaLeaseSchema>;

/**
 * A vendor's request quota as last reported by its `RateLimit` headers, kept
 * in the store beside the login back-off so every instance sharing the store
 * sees it. Never holds a credential.
 */
export const quotaRecordSchema = z.object({
  /** The policy's name (`perday`). */
  policy: z.string(),
  /** Requests per window (`q`), when announced. */
  limit: z.number().finite().nonnegative().nullable(),
  /** Requests left when observed (`r`). */
  remaining: z.number().finite().nonnegative(),
  /** When the window resets, epoch ms, when known. */
  resetAt: z.number().finite().nullable(),
  /** The policy's window in ms (`w`), when announced. */
  windowMs: z.number().finite().positive().nullable(),
  /** When a response reported it, epoch ms. */
  observedAt: z.number().finite(),
  /** When the request that earned that response was sent (at the latest), epoch ms. */
  sentAt: z.number().finite().optional(),
  /** The instances' shares of what is left. */
  leases: z.array(quotaLeaseSchema).optional(),
});

/** A stored request quota. */
export type QuotaRecord = z.infer<typeof quotaRecordSchema>;

/** Prefix of every stored quota's key, for tools that list them (`tokenwise status`). */
export const QUOTA_KEY_PREFIX = 'quota:';

/** Store key of the request quota for a throttle key: `quota:<throttleKey>`. */
export function quotaStoreKey(throttleKey: string): string {
  return `${QUOTA_KEY_PREFIX}${throttleKey}`;
}

/**
 * The longest wait for a reset believed: the policy's window (a daily quota
 * resets within 24 h of any moment; one day when no window was announced, at
 * most {@link MAX_QUOTA_WINDOW_MS}), and never less than `maxBackOffMs`.
 */
export function quotaResetBoundMs(windowMs: number | null | undefined, maxBackOffMs: number): number {
  const window = Math.min(windowMs ?? DEFAULT_QUOTA_WINDOW_MS, MAX_QUOTA_WINDOW_MS);
  return Math.max(window, maxBackOffMs, 0);
}

/** Milliseconds until a spent quota resets, or 0 when calls may go out (not spent, or reset passed). */
export function quotaSpentForMs(record: QuotaRecord | undefined, now: number): number {
  if (record === undefined || record.remaining > 0 || record.resetAt === null) return 0;
  return Math.max(0, record.resetAt - now);
}

/**
 * A record read back with its reset cut to `now` + the bound (written by a
 * process with another clock or a larger maximum); `undefined` when it is
 * within bounds.
 */
export function clampQuotaRecord(
  record: QuotaRecord,
  now: number,
  maxBackOffMs: number,
): QuotaRecord | undefined {
  if (record.resetAt === null) return undefined;
  const latest = now + quotaResetBoundMs(record.windowMs, maxBackOffMs);
  return record.resetAt <= latest ? undefined : { ...record, resetAt: latest };
}

/**
 * Whether `next` should replace `known` (in memory or in the store). A spent
 * quota stays spent until its reset: only a spent observation with a later
 * reset replaces it. Otherwise a count never rises within a window: answers
 * arrive out of order, and one to a request sent earlier reports more left
 * than there are. A higher count wins only when its request was sent after
 * the lower one was observed (or after that window's reset), which proves
 * the vendor raised it.
 */
export function quotaSupersedes(next: QuotaRecord, known: QuotaRecord | undefined, now: number): boolean {
  if (known === undefined) return true;
  const knownWait = quotaSpentForMs(known, now);
  const nextWait = quotaSpentForMs(next, now);
  if (knownWait > 0) return nextWait > knownWait;
  if (nextWait > 0) return true;
  if (next.remaining < known.remaining) return true;
  if (next.remaining === known.remaining) return next.observedAt >= known.observedAt;
  const sentAt = next.sentAt ?? next.observedAt;
  return sentAt > known.observedAt || (known.resetAt !== null && sentAt >= known.resetAt);
}

/** The leases of a record that still count at `now`. */
export function liveQuotaLeases(record: QuotaRecord | undefined, now: number): QuotaLease[] {
  return (record?.leases ?? []).filter((lease) => lease.until > now);
}

/** The share an instance takes when `free` units are not held by anyone: an eighth, 1 to {@link QUOTA_MAX_SHARE}. */
export function quotaChunkSize(free: number): number {
  return Math.max(1, Math.min(QUOTA_MAX_SHARE, Math.floor(free / 8)));
}
