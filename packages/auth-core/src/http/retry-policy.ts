import { parseRetryAfter } from '../retry-after.js';

/** Methods safe to send twice: only these are retried after a failed status. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
/** Statuses worth another attempt of an idempotent call. */
const RETRIED_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const FIRST_BACK_OFF_MS = 300;
const BACK_OFF_LIMIT_MS = 5_000;

/** What decides whether a failed attempt is tried again. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Longest `Retry-After` waited for automatically. */
  maxRetryAfterMs: number;
}

/**
 * How long to wait before retrying a failed attempt, or `undefined` to fail now.
 *
 * The rule: only idempotent methods and statuses 408/429/5xx are retried, at
 * most `retries` times. A usable `Retry-After` is honoured when it is at most
 * `maxRetryAfterMs` and ends before the call's deadline; a longer one fails
 * at once. A 429 without a usable `Retry-After` (absent, or a word such as
 * `soon`) fails at once — the vendor did not say when, so a silent wait would
 * only guess. Other statuses without one back off 300 ms, 600 ms, ... (at
 * most 5 s, with jitter), again only within the deadline.
 */
export function retryDelay(
  policy: RetryPolicy,
  method: string,
  response: Response,
  retriesDone: number,
  remainingMs: number,
): number | undefined {
  if (retriesDone >= policy.retries || !IDEMPOTENT.has(method) || !RETRIED_STATUSES.has(response.status)) {
    return undefined;
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  let waitMs: number;
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) return undefined;
    waitMs = retryAfterMs;
  } else if (response.status === 429) {
    return undefined;
  } else {
    const backOff = Math.min(BACK_OFF_LIMIT_MS, FIRST_BACK_OFF_MS * 2 ** retriesDone);
    waitMs = Math.round(backOff * (0.5 + Math.random() / 2));
  }
  return waitMs < remainingMs ? waitMs : undefined;
}
