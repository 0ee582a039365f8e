import {
  type CallOptions,
  ConfigurationError,
  checkClientOptions,
  checkFetchOption,
  checkFunctionOption,
  checkMethods,
  checkOptionsObject,
  checkSecretOption,
  checkStringOption,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import type { VeSyncLoginOptions, VeSyncOptions } from './client.js';
import { VENDOR } from './constants.js';
import type { VeSyncStrategyOptions } from './strategy.js';

// The common options (store, fetch, clock, timeoutMs, maxBackOffMs, signal) are core's
// kit; what is left here is VeSync's own: country, time zone, the region keys of baseUrl.

function fail(message: string): never {
  throw new ConfigurationError(message, { vendor: VENDOR });
}

/** Every option of {@link VeSyncOptions}; the compiler keeps the list in step with the interface. */
export const VESYNC_OPTION_KEYS = {
  username: true,
  password: true,
  countryCode: true,
  timeZone: true,
  store: true,
  fetch: true,
  baseUrl: true,
  clock: true,
  timeoutMs: true,
  maxBackOffMs: true,
} as const satisfies OptionKeys<VeSyncOptions>;

/** Every option of {@link VeSyncLoginOptions}. */
export const LOGIN_OPTION_KEYS = {
  tokenFilePath: true,
  signal: true,
} as const satisfies OptionKeys<VeSyncLoginOptions>;

/** Every option of `request()`: core's `CallOptions`. */
export const REQUEST_OPTION_KEYS = {
  method: true,
  json: true,
  searchParams: true,
  headers: true,
  signal: true,
  skipAuth: true,
  maxBodyBytes: true,
} as const satisfies OptionKeys<CallOptions>;

/** The options of `getDevices()`. */
export const SIGNAL_ONLY_OPTION_KEYS = { signal: true } as const;

/**
 * The constructor's options: a plain object of known keys (a misspelled
 * `baseUrl` would send the real password to VeSync's production hosts instead
 * of the intended sandbox), the common options checked by core's kit, and a
 * username.
 */
export function constructorOptions(value: unknown): Readonly<Record<string, unknown>> {
  if (value === undefined) fail('VeSync needs an options object with username and password');
  const options = checkClientOptions(value, 'VeSync', VESYNC_OPTION_KEYS, VENDOR);
  if (checkStringOption(options.username, 'VeSync option `username`', VENDOR) === undefined) {
    fail('VeSync option `username` (the account e-mail) is required');
  }
  return options;
}

/** Every option of {@link VeSyncStrategyOptions}, kept in step with it by the compiler. */
export const STRATEGY_OPTION_KEYS = {
  email: true,
  password: true,
  baseUrl: true,
  fetch: true,
  identity: true,
  mapError: true,
  timeZone: true,
} as const satisfies OptionKeys<VeSyncStrategyOptions>;

/**
 * Checks what `createVeSyncStrategy` was given: it takes resolved values (no
 * defaults), so a missing or misspelled `baseUrl` or `identity` would otherwise
 * surface as a TypeError at the first login.
 */
export function checkStrategyOptions(options: unknown): void {
  const owner = 'createVeSyncStrategy';
  const name = (option: string) => `${owner} option \`${option}\``;
  if (options === undefined) fail(`${owner} needs options`);
  const checked = checkOptionsObject(options, owner, STRATEGY_OPTION_KEYS, VENDOR);
  if (checkStringOption(checked.email, name('email'), VENDOR) === undefined) fail(`${owner} needs \`email\``);
  checkSecretOption(checked.password, name('password'), VENDOR);
  const baseUrl = checked.baseUrl as Record<string, unknown> | null | undefined;
  if (typeof baseUrl?.US !== 'string' || typeof baseUrl.EU !== 'string') {
    fail(`${name('baseUrl')} must be { US, EU } base URLs`);
  }
  if (checkFetchOption(checked.fetch, name('fetch'), VENDOR) === undefined) fail(`${owner} needs \`fetch\``);
  checkFunctionOption(checked.mapError, name('mapError'), VENDOR);
  if (checked.mapError === undefined) fail(`${owner} needs \`mapError\``);
  checkMethods(
    checked.identity,
    `${name('identity')} (a TerminalIdentity)`,
    ['observe', 'offer', 'terminalId'],
    VENDOR,
  );
  if (checked.timeZone !== undefined) timeZoneOption(checked.timeZone, name('timeZone'));
}

/** An ISO 3166 alpha-2 country code, upper-cased. */
export function countryOption(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value.trim())) {
    fail(`${name} must be a two-letter country code such as "US" or "DE"`);
  }
  return value.trim().toUpperCase();
}

/** An IANA time zone Node knows (VeSync would otherwise get a zone it cannot use). */
export function timeZoneOption(value: unknown, name: string): string {
  const zone = (checkStringOption(value, name, VENDOR) ?? '').trim();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    fail(`${name} must be an IANA time zone such as "Europe/Berlin"`);
  }
  return zone;
}
