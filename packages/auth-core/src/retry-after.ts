/** RFC 9110 delay-seconds, plus a fraction some servers send ("1.5"). */
const DELAY_SECONDS = /^\d+(\.\d+)?$/;
/**
 * Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with a day name
 * and carries an hh:mm:ss time. Checked before `Date.parse`, which also
 * accepts "-5", "1 2" or "2026" as dates.
 */
const HTTP_DATE = /^[A-Za-z]{3,9},? .*\b\d{2}:\d{2}:\d{2}\b/;

/**
 * Parses an HTTP `Retry-After` header (delta seconds or an HTTP date) into
 * milliseconds from `now`, rounded up to a whole millisecond. Returns
 * `undefined` when absent or unparsable: negative or signed numbers,
 * exponents, words, a bare year, and values too large to be exact
 * (beyond `Number.MAX_SAFE_INTEGER` ms). A date in the past is `0`.
 * The value is not bounded here: see {@link boundedBackOff} for how a
 * `SessionManager` caps it.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (DELAY_SECONDS.test(trimmed)) {
    const ms = Math.ceil(Number(trimmed) * 1000);
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  if (!HTTP_DATE.test(trimmed) || !Number.isFinite(now)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil(date - now));
}
