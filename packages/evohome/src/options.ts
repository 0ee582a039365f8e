import {
  type ClientOptions,
  type Clock,
  ConfigurationError,
  checkClientOptions,
  checkDurationOption,
  checkSecretOption,
  checkStringOption,
  checkTimeoutOption,
  type OptionKeys,
  resolveBaseUrl,
  type Secret,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import {
  DEFAULT_BASE_URL,
  DEFAULT_LOGIN_LOCKOUT_MS,
  DEFAULT_MIN_LOGIN_INTERVAL_MS,
  VENDOR,
} from './constants.js';
import type { EvohomeStrategyOptions } from './strategy-options.js';

/** Options both evohome clients take. */
export interface EvohomeCommonOptions extends ClientOptions {
  /** Account e-mail. Case does not matter for sharing sessions. */
  username: string;
  /** Account password. Pass a `Secret` to keep it out of your own logs too. */
  password: string | Secret;
  /** API origin, e.g. `https://tccna.resideo.com`. Default: `TOKENWISE_EVOHOME_URL`, else the vendor's. */
  baseUrl?: string | undefined;
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
}

/** Options after validation. */
export interface ResolvedOptions {
  username: string;
  password: Secret;
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  loginLockoutMs: number;
  minLoginIntervalMs: number;
  store: TokenStore | undefined;
  timeoutMs: number | undefined;
  clock: Clock | undefined;
  maxBackOffMs: number | undefined;
}

/** Every option of {@link EvohomeCommonOptions}; the compiler keeps the list in step with the interface. */
export const COMMON_OPTION_KEYS = {
  username: true,
  password: true,
  baseUrl: true,
  store: true,
  fetch: true,
  timeoutMs: true,
  clock: true,
  maxBackOffMs: true,
  loginLockoutMs: true,
  minLoginIntervalMs: true,
} as const satisfies OptionKeys<EvohomeCommonOptions>;

/**
 * Checks every option up front so mistakes surface as `ConfigurationError`
 * before any I/O. Unknown keys are refused: a misspelled `baseUrl` would
 * otherwise send the real password to the vendor's production host.
 */
export function resolveOptions(
  options: EvohomeCommonOptions,
  owner: string,
  knownKeys: Readonly<Record<string, true>> = COMMON_OPTION_KEYS,
): ResolvedOptions {
  const checked = checkClientOptions(options, owner, knownKeys, VENDOR);
  const name = (option: string) => `${owner} option \`${option}\``;
  const username = checkStringOption(checked.username, name('username'), VENDOR)?.trim();
  const password = checkSecretOption(checked.password, name('password'), VENDOR);
  if (username === undefined || password === undefined) {
    throw new ConfigurationError(
      `${owner} needs ${username === undefined ? '`username` (the account e-mail)' : '`password`'}`,
      { vendor: VENDOR },
    );
  }
  return {
    username,
    password,
    baseUrl: resolveBaseUrl({
      vendor: VENDOR,
      option: checked.baseUrl,
      optionName: name('baseUrl'),
      defaultUrl: DEFAULT_BASE_URL,
    }),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    // Not a timer, but the same rule: a lock-out of 0 or less would let the next login provoke a new one.
    loginLockoutMs:
      checkTimeoutOption(checked.loginLockoutMs, name('loginLockoutMs'), VENDOR) ?? DEFAULT_LOGIN_LOCKOUT_MS,
    minLoginIntervalMs:
      checkDurationOption(checked.minLoginIntervalMs, name('minLoginIntervalMs'), VENDOR) ??
      DEFAULT_MIN_LOGIN_INTERVAL_MS,
    store: options.store,
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    maxBackOffMs: options.maxBackOffMs,
  };
}

/** The strategy's share of the resolved options (the factories refuse keys they do not know). */
export function strategyOptionsOf(resolved: ResolvedOptions): EvohomeStrategyOptions {
  return {
    username: resolved.username,
    password: resolved.password,
    baseUrl: resolved.baseUrl,
    fetch: resolved.fetch,
    loginLockoutMs: resolved.loginLockoutMs,
    minLoginIntervalMs: resolved.minLoginIntervalMs,
  };
}
