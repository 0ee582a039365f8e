import type { Clock } from '../clock.js';
import {
  checkClockOption,
  checkDurationOption,
  checkStoreOption,
  checkTimeoutOption,
} from '../option-checks.js';
import { checkOptionsObject } from '../option-object.js';
import type { TokenStore } from '../store/token-store.js';
import { checkFetchOption, checkSignalOption } from './checks.js';

/**
 * The options every vendor client takes, under these names. A vendor's own
 * options interface extends it (and adds `baseUrl`, a string or, for a vendor
 * with several hosts, an object of them).
 */
export interface ClientOptions {
  /** Where sessions are shared and persisted. Default: a new `MemoryStore` (this instance only). */
  store?: TokenStore | undefined;
  /** The `fetch` used for every request. Default: the global one. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Deadline of one call (session, attempts, waits and body), in ms. */
  timeoutMs?: number | undefined;
  /** Time source, for tests. Default: the system clock. */
  clock?: Clock | undefined;
  /** Longest login back-off kept after a rate limit. Default one hour. */
  maxBackOffMs?: number | undefined;
}

/**
 * Checks a client's options object: a plain object of `knownKeys` (an unknown
 * key fails, with a suggestion), and the common options of
 * {@link ClientOptions} — plus `signal` — with one rule and one message shape
 * for every vendor. Returns the options as a record for the vendor's own checks.
 */
export function checkClientOptions(
  value: unknown,
  owner: string,
  knownKeys: Readonly<Record<string, true>> | readonly string[],
  vendor: string,
): Readonly<Record<string, unknown>> {
  const options = checkOptionsObject(value, owner, knownKeys, vendor);
  const name = (option: string) => `${owner} option \`${option}\``;
  if (options.store !== undefined) checkStoreOption(options.store, name('store'), vendor);
  if (options.clock !== undefined) checkClockOption(options.clock, name('clock'), vendor);
  checkFetchOption(options.fetch, name('fetch'), vendor);
  checkTimeoutOption(options.timeoutMs, name('timeoutMs'), vendor);
  checkDurationOption(options.maxBackOffMs, name('maxBackOffMs'), vendor);
  checkSignalOption(options.signal, name('signal'), vendor);
  return options;
}
