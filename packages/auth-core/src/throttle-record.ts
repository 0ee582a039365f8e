import { z } from 'zod';

/** How a login back-off is stored so every instance sharing the store honours it. */
export const throttleRecordSchema = z.object({
  until: z.number().finite(),
  reason: z.string(),
  /** When the last login attempt under this key started (minimum login spacing). */
  lastLoginAt: z.number().finite().optional(),
});

/** A stored login back-off. */
export type ThrottleRecord = z.infer<typeof throttleRecordSchema>;

/** Store key of the login back-off for a throttle key. */
export function throttleStoreKey(throttleKey: string): string {
  return `throttle:${throttleKey}`;
}

/** Prefix of every stored back-off's key, for tools that list them (`tokenwise status`). */
export const THROTTLE_KEY_PREFIX = 'throttle:';

/**
 * A stored back-off that ends more than `maxMs` after `now` (written by an
 * older version that kept any `Retry-After`, by a process with a larger
 * maximum, or before the clock was turned back), cut to end at `now + maxMs`.
 * Returns `undefined` when the record is within bounds and stays as it is.
 */
export function clampThrottleRecord(
  record: ThrottleRecord,
  now: number,
  maxMs: number,
): ThrottleRecord | undefined {
  const latest = now + Math.max(0, maxMs);
  if (record.until <= latest) return undefined;
  // Cut again by a process with a smaller maximum: one note is enough.
  const reason = record.reason.replace(/ \(stored back-off beyond the .* maximum, cut to it\)$/, '');
  return {
    ...record,
    until: latest,
    reason: `${reason} (stored back-off beyond the ${Math.ceil(maxMs / 1000)} s maximum, cut to it)`,
  };
}
