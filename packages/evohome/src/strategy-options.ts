import {
  ConfigurationError,
  checkFunctionOption,
  checkOptionsObject,
  checkStringOption,
  type OptionKeys,
  type Secret,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

/** Options both evohome strategies take (V1 and V2 share one account and one login throttle). */
export interface EvohomeStrategyOptions {
  /** Account e-mail. */
  username: string;
  /** Account password. */
  password: Secret;
  /** Host of the API, without a trailing slash. */
  hostname: string;
  /** Fetch used for logins and token calls. */
  fetch: typeof globalThis.fetch;
  /** Back-off shared through the store after a login 429. */
  loginLockoutMs: number;
  /**
   * Logins of the account (V1 and V2) are kept this far apart across
   * everything sharing `store`, and a credential obtained less than this long
   * ago that the vendor rejects is not renewed. Default 10 000 ms; 0 disables both.
   */
  minLoginIntervalMs?: number | undefined;
  /** The store the client's sessions live in; login spacing is recorded there. Default: this strategy only. */
  store?: TokenStore | undefined;
}

/** Every option of {@link EvohomeStrategyOptions}; the compiler keeps the list in step with the interface. */
export const STRATEGY_OPTION_KEYS = {
  username: true,
  password: true,
  hostname: true,
  fetch: true,
  loginLockoutMs: true,
  minLoginIntervalMs: true,
  store: true,
} as const satisfies OptionKeys<EvohomeStrategyOptions>;

/**
 * Checks what a strategy factory was given before it builds URLs from it:
 * these factories take already-resolved values (no defaults), so a missing
 * or misspelled `hostname` would otherwise become `undefined/WebAPI/...`.
 */
export function checkStrategyOptions(options: unknown, owner: string): void {
  if (options === undefined) {
    throw new ConfigurationError(`${owner} needs options`, { vendor: VENDOR });
  }
  const checked = checkOptionsObject(options, owner, STRATEGY_OPTION_KEYS, VENDOR);
  const name = (option: string) => `${owner} option \`${option}\``;
  checkStringOption(checked.username, name('username'), VENDOR);
  checkStringOption(checked.hostname, name('hostname'), VENDOR);
  if (checked.username === undefined || checked.hostname === undefined || checked.fetch === undefined) {
    throw new ConfigurationError(`${owner} needs \`username\`, \`password\`, \`hostname\` and \`fetch\``, {
      vendor: VENDOR,
    });
  }
  checkFunctionOption(checked.fetch, name('fetch'), VENDOR);
  const password = checked.password as Partial<Secret> | null | undefined;
  if (typeof password !== 'object' || password === null || typeof password.reveal !== 'function') {
    throw new ConfigurationError(`${name('password')} must be a Secret (use toSecret())`, { vendor: VENDOR });
  }
}
