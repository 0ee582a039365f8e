import {
  ConfigurationError,
  checkBaseUrl,
  checkDurationOption,
  checkFetchOption,
  checkOptionsObject,
  checkStringOption,
  checkTimeoutOption,
  type OptionKeys,
  type Secret,
} from '@tokenwise/auth-core/vendor';
import { DEFAULT_LOGIN_LOCKOUT_MS, DEFAULT_MIN_LOGIN_INTERVAL_MS, VENDOR } from './constants.js';

/** Options both evohome strategies take (V1 and V2 share one account and one login throttle). */
export interface EvohomeStrategyOptions {
  /** Account e-mail. */
  username: string;
  /** Account password. */
  password: Secret;
  /** Origin of the API (e.g. `https://tccna.resideo.com`); a trailing slash is trimmed. */
  baseUrl: string;
  /** Fetch used for logins and token calls. */
  fetch: typeof globalThis.fetch;
  /** Back-off shared through the store after a login 429 (the vendor sends no `Retry-After`). Default 600 000 ms. */
  loginLockoutMs?: number | undefined;
  /**
   * Logins of the account (V1 and V2) are kept this far apart by the session
   * manager, across everything sharing its store, and a credential obtained
   * less than this long ago that the vendor rejects is not renewed. Default
   * 10 000 ms; 0 disables both.
   */
  minLoginIntervalMs?: number | undefined;
}

/** A strategy factory's options after checking. */
export interface CheckedStrategyOptions extends EvohomeStrategyOptions {
  loginLockoutMs: number;
  minLoginIntervalMs: number;
}

/** Every option of {@link EvohomeStrategyOptions}; the compiler keeps the list in step with the interface. */
export const STRATEGY_OPTION_KEYS = {
  username: true,
  password: true,
  baseUrl: true,
  fetch: true,
  loginLockoutMs: true,
  minLoginIntervalMs: true,
} as const satisfies OptionKeys<EvohomeStrategyOptions>;

/**
 * Checks what a strategy factory was given before it builds URLs from it:
 * these factories take already-resolved values (no defaults), so a missing
 * or misspelled `baseUrl` would otherwise become `undefined/WebAPI/...`.
 */
export function checkStrategyOptions(options: unknown, owner: string): CheckedStrategyOptions {
  if (options === undefined) {
    throw new ConfigurationError(`${owner} needs options`, { vendor: VENDOR });
  }
  const checked = checkOptionsObject(options, owner, STRATEGY_OPTION_KEYS, VENDOR);
  const name = (option: string) => `${owner} option \`${option}\``;
  const username = checkStringOption(checked.username, name('username'), VENDOR);
  const fetch = checkFetchOption(checked.fetch, name('fetch'), VENDOR);
  if (username === undefined || checked.baseUrl === undefined || fetch === undefined) {
    throw new ConfigurationError(`${owner} needs \`username\`, \`password\`, \`baseUrl\` and \`fetch\``, {
      vendor: VENDOR,
    });
  }
  // Strategies take a Secret only: a resolved password, never a string that could end up logged.
  const password = checked.password as Partial<Secret> | null | undefined;
  if (typeof password !== 'object' || password === null || typeof password.reveal !== 'function') {
    throw new ConfigurationError(`${name('password')} must be a Secret (use toSecret())`, { vendor: VENDOR });
  }
  return {
    username,
    password: password as Secret,
    baseUrl: checkBaseUrl(checked.baseUrl, name('baseUrl'), VENDOR),
    fetch,
    loginLockoutMs:
      checkTimeoutOption(checked.loginLockoutMs, name('loginLockoutMs'), VENDOR) ?? DEFAULT_LOGIN_LOCKOUT_MS,
    minLoginIntervalMs:
      checkDurationOption(checked.minLoginIntervalMs, name('minLoginIntervalMs'), VENDOR) ??
      DEFAULT_MIN_LOGIN_INTERVAL_MS,
  };
}
