import {
  type Clock,
  ConfigurationError,
  checkClockOption,
  checkFunctionOption,
  checkOptionsObject,
  checkTimeoutOption,
  MemoryStore,
  type OptionKeys,
  type Secret,
  type TokenStore,
  toSecret,
} from '@tokenwise/auth-core/vendor';
import { requireUsername } from './account.js';
import { DEFAULT_LOGIN_LOCKOUT_MS, DEFAULT_MIN_LOGIN_INTERVAL_MS, VENDOR } from './constants.js';
import { resolveHostname } from './hostname.js';
import type { EvohomeStrategyOptions } from './strategy-options.js';

/** Options both evohome clients take. */
export interface EvohomeCommonOptions {
  /** Account e-mail. Case does not matter for sharing sessions. */
  username: string;
  /** Account password. Pass a `Secret` to keep it out of your own logs too. */
  password: string | Secret;
  /** Where sessions and the shared login back-off live. Default: a `MemoryStore` for this client only. */
  store?: TokenStore | undefined;
  /** API host, e.g. `https://tccna.resideo.com`. Default: `TOKENWISE_EVOHOME_URL`, else the vendor's host. */
  hostname?: string | undefined;
  /** Fetch implementation. Default: the global `fetch` at call time (so MSW and similar can intercept). */
  fetch?: typeof globalThis.fetch | undefined;
  /** How long nobody sharing the store logs in after a login 429. Default 600 000 ms (the vendor's lock-out). */
  loginLockoutMs?: number | undefined;
  /**
   * The vendor answers a second login of an account within ~10 s with 429
   * and a lock-out of 10 minutes or more. So: password logins of the account
   * (V1 and V2 together, across everything sharing `store`) are kept this far
   * apart — a login that comes too soon throws `RateLimitError` for the
   * seconds left, without contacting the vendor — and a session or token
   * obtained less than this long ago that the vendor rejects with 401 is not
   * renewed (the call throws `ApiError`, status 401). Default 10 000 ms; `0`
   * turns both off.
   */
  minLoginIntervalMs?: number | undefined;
  /** Per-request timeout of data calls. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Time source, for tests. Default: the system clock. */
  clock?: Clock | undefined;
}

/** Options after validation. */
export interface ResolvedOptions {
  username: string;
  password: Secret;
  hostname: string;
  fetch: typeof globalThis.fetch;
  loginLockoutMs: number;
  minLoginIntervalMs: number;
  store: TokenStore;
  timeoutMs: number | undefined;
  clock: Clock | undefined;
}

function fail(message: string): never {
  throw new ConfigurationError(`evohome ${message}`, { vendor: VENDOR });
}

function isStore(value: unknown): value is TokenStore {
  const store = value as Partial<Record<keyof TokenStore, unknown>> | null;
  return (
    typeof store === 'object' &&
    store !== null &&
    ['get', 'set', 'delete', 'withLock'].every(
      (name) => typeof store[name as keyof TokenStore] === 'function',
    )
  );
}

/** Every option of {@link EvohomeCommonOptions}; the compiler keeps the list in step with the interface. */
export const COMMON_OPTION_KEYS = {
  username: true,
  password: true,
  store: true,
  hostname: true,
  fetch: true,
  loginLockoutMs: true,
  minLoginIntervalMs: true,
  timeoutMs: true,
  clock: true,
} as const satisfies OptionKeys<EvohomeCommonOptions>;

/**
 * Checks every option up front so mistakes surface as `ConfigurationError`
 * before any I/O. Unknown keys are refused: a misspelled `hostname` would
 * otherwise send the real password to the vendor's production host.
 */
export function resolveOptions(
  options: EvohomeCommonOptions,
  owner: string,
  knownKeys: Readonly<Record<string, true>> = COMMON_OPTION_KEYS,
): ResolvedOptions {
  if (options === undefined) fail(`${owner} needs options: { username, password }`);
  checkOptionsObject(options, owner, knownKeys, VENDOR);
  const username = requireUsername(options.username);
  const raw = options.password as unknown;
  if (!(typeof raw === 'string' || (typeof raw === 'object' && raw !== null && 'reveal' in raw))) {
    fail('option `password` must be a string or a Secret');
  }
  const password = toSecret(options.password);
  if (password.isEmpty) fail('option `password` must not be empty');
  if (options.store !== undefined && !isStore(options.store)) {
    fail('option `store` must be a TokenStore (get, set, delete, withLock)');
  }
  checkFunctionOption(options.fetch, `${owner} option \`fetch\``, VENDOR);
  if (options.clock !== undefined) checkClockOption(options.clock, `${owner} option \`clock\``, VENDOR);
  const lockout = options.loginLockoutMs ?? DEFAULT_LOGIN_LOCKOUT_MS;
  if (typeof lockout !== 'number' || !Number.isFinite(lockout) || lockout <= 0) {
    fail('option `loginLockoutMs` must be a positive number of milliseconds');
  }
  const minInterval = options.minLoginIntervalMs ?? DEFAULT_MIN_LOGIN_INTERVAL_MS;
  if (typeof minInterval !== 'number' || !Number.isFinite(minInterval) || minInterval < 0) {
    fail('option `minLoginIntervalMs` must be a non-negative number of milliseconds');
  }
  checkTimeoutOption(options.timeoutMs, `${owner} option \`timeoutMs\``, VENDOR);
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    username,
    password,
    hostname: resolveHostname(options.hostname),
    fetch: fetchImpl,
    loginLockoutMs: lockout,
    minLoginIntervalMs: minInterval,
    // One store for the manager and the login spacing, also when the caller gave none.
    store: options.store ?? new MemoryStore(),
    timeoutMs: options.timeoutMs,
    clock: options.clock,
  };
}

/** The strategy's share of the resolved options (the factories refuse keys they do not know). */
export function strategyOptionsOf(resolved: ResolvedOptions): EvohomeStrategyOptions {
  return {
    username: resolved.username,
    password: resolved.password,
    hostname: resolved.hostname,
    fetch: resolved.fetch,
    loginLockoutMs: resolved.loginLockoutMs,
    minLoginIntervalMs: resolved.minLoginIntervalMs,
    store: resolved.store,
  };
}

/** The error every call on a closed client gets. */
export function closedError(client: string): ConfigurationError {
  return new ConfigurationError(`${client} is closed; create a new client`, { vendor: VENDOR });
}
