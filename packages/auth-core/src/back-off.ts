/** Default longest login/refresh back-off a `SessionManager` keeps: one hour. */
export const DEFAULT_MAX_BACK_OFF_MS = 3_600_000;

/** Back-off after a rate limit that names no usable wait, unless the strategy says otherwise: 60 s. */
export const DEFAULT_RATE_LIMIT_MS = 60_000;

/**
 * A requested wait longer than this (or than the maximum, when that is
 * longer) is taken as bogus and ignored: one day. Vendors that really rate
 * limit ask for seconds to hours; days or years come from a unit mix-up or
 * an epoch sent as a delay, and carry no information.
 */
export const IMPLAUSIBLE_RETRY_AFTER_MS = 86_400_000;

/** Which rule {@link boundedBackOff} applied. */
export type BackOffRule = 'honoured' | 'capped' | 'ignored' | 'default';

/** The back-off to keep after a rate limit, and why. */
export interface BoundedBackOff {
  /** Milliseconds to back off; a whole number between 0 and the maximum. */
  ms: number;
  /** How the requested wait was treated. */
  rule: BackOffRule;
  /** One sentence for people (`tokenwise status`); never a vendor's text. */
  reason: string;
}

/** The limits {@link boundedBackOff} applies. */
export interface BackOffLimits {
  /** Back-off when no usable wait was requested. Capped at `maxMs` too. */
  defaultMs: number;
  /** Longest back-off kept. */
  maxMs: number;
}

/**
 * Turns the wait a vendor asked for (a parsed `Retry-After`, or a vendor's
 * own figure) into the back-off to keep:
 *
 * - missing, `0`, negative, `NaN` or infinite: `defaultMs` (`default`);
 * - up to `maxMs`: as asked, rounded up to a whole millisecond (`honoured`);
 * - above `maxMs`, up to {@link IMPLAUSIBLE_RETRY_AFTER_MS} (or `maxMs` when
 *   that is longer): `maxMs` (`capped`);
 * - longer still: ignored, `defaultMs` (`ignored`).
 *
 * The result never exceeds `maxMs`.
 */
export function boundedBackOff(requestedMs: number | undefined, limits: BackOffLimits): BoundedBackOff {
  const maxMs = Math.max(0, Math.floor(limits.maxMs));
  const defaultMs = Math.min(maxMs, Math.max(0, Math.ceil(limits.defaultMs)));
  const fallback = (rule: 'ignored' | 'default', why: string): BoundedBackOff => ({
    ms: defaultMs,
    rule,
    reason: `rate limited by the vendor; ${why}, so the default ${seconds(defaultMs)} applies`,
  });
  if (requestedMs === undefined || !Number.isFinite(requestedMs) || requestedMs <= 0) {
    return fallback('default', 'it named no usable wait');
  }
  if (requestedMs > Math.max(IMPLAUSIBLE_RETRY_AFTER_MS, maxMs)) {
    return fallback(
      'ignored',
      `its wait of ${seconds(requestedMs)} was ignored as implausible (over ${seconds(IMPLAUSIBLE_RETRY_AFTER_MS)})`,
    );
  }
  if (requestedMs > maxMs) {
    return {
      ms: maxMs,
      rule: 'capped',
      reason: `rate limited by the vendor; its wait of ${seconds(requestedMs)} was capped at the ${seconds(maxMs)} maximum`,
    };
  }
  return {
    ms: Math.ceil(requestedMs),
    rule: 'honoured',
    reason: `rate limited by the vendor; it asked to wait ${seconds(requestedMs)}`,
  };
}

/** Seconds, as `Retry-After` counts them: "3153600000 s". */
function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}
