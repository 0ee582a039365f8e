import {
  type Clock,
  ConfigurationError,
  checkFunctionOption,
  checkMethods,
  checkOptionsObject,
  checkTimeoutOption,
  type OptionKeys,
  type Secret,
  type TokenStore,
  toSecret,
} from '@tokenwise/auth-core/vendor';
import type { VeSyncLoginOptions, VeSyncOptions } from './client.js';
import { VENDOR } from './constants.js';
import type { VeSyncStrategyOptions } from './strategy.js';

// Every check throws a ConfigurationError naming the option, so a typo in a
// plain-JS caller surfaces at the call site instead of as a TypeError deep in
// core or as a confusing network error much later.

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
  hosts: true,
  clock: true,
  timeoutMs: true,
} as const satisfies OptionKeys<VeSyncOptions>;

/** Every option of {@link VeSyncLoginOptions}. */
export const LOGIN_OPTION_KEYS = {
  tokenFilePath: true,
  signal: true,
} as const satisfies OptionKeys<VeSyncLoginOptions>;

/** The options of `getDevices()`. */
export const SIGNAL_ONLY_OPTION_KEYS = { signal: true } as const;

/**
 * The constructor's options: a plain object of known keys. An unknown key is
 * refused rather than ignored: a misspelled `hosts` would send the real
 * password to VeSync's production hosts instead of the intended sandbox.
 */
export function constructorOptions(value: unknown): void {
  if (value === undefined) fail('VeSync needs an options object with username and password');
  checkOptionsObject(value, 'VeSync', VESYNC_OPTION_KEYS, VENDOR);
}

/** Every option of {@link VeSyncStrategyOptions}, kept in step with it by the compiler. */
export const STRATEGY_OPTION_KEYS = {
  email: true,
  password: true,
  hosts: true,
  fetch: true,
  identity: true,
  mapError: true,
} as const satisfies OptionKeys<VeSyncStrategyOptions>;

/**
 * Checks what `createVeSyncStrategy` was given: it takes resolved values (no
 * defaults), so a missing or misspelled `hosts` or `identity` would otherwise
 * surface as a TypeError at the first login.
 */
export function checkStrategyOptions(options: unknown): void {
  const owner = 'createVeSyncStrategy';
  if (options === undefined) fail(`${owner} needs options`);
  const checked = checkOptionsObject(options, owner, STRATEGY_OPTION_KEYS, VENDOR);
  requireString(checked.email, 'email');
  optionalPassword(checked.password);
  const hosts = checked.hosts as Record<string, unknown> | null | undefined;
  if (
    typeof hosts !== 'object' ||
    hosts === null ||
    typeof hosts.US !== 'string' ||
    typeof hosts.EU !== 'string'
  ) {
    fail(`${owner} option \`hosts\` must be { US, EU } base URLs`);
  }
  if (checked.fetch === undefined) fail(`${owner} needs \`fetch\``);
  checkFunctionOption(checked.fetch, `${owner} option \`fetch\``, VENDOR);
  checkFunctionOption(checked.mapError, `${owner} option \`mapError\``, VENDOR);
  if (checked.mapError === undefined) fail(`${owner} needs \`mapError\``);
  checkMethods(
    checked.identity,
    `${owner} option \`identity\` (a TerminalIdentity)`,
    ['observe', 'offer', 'terminalId'],
    VENDOR,
  );
}

/** A non-empty string option. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    fail(`VeSync option ${name} must be a non-empty string`);
  return value;
}

/** The password: a string or a core `Secret`, or nothing (saved tokens only). */
export function optionalPassword(value: unknown): Secret | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return toSecret(value);
  if (typeof value === 'object' && value !== null && typeof (value as Secret).reveal === 'function') {
    return value as Secret;
  }
  return fail('VeSync option password must be a string or a Secret');
}

/** An ISO 3166 alpha-2 country code, upper-cased. */
export function countryOption(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value.trim())) {
    fail(`VeSync option ${name} must be a two-letter country code such as "US" or "DE"`);
  }
  return value.trim().toUpperCase();
}

/** An IANA time zone Node knows (VeSync would otherwise get a zone it cannot use). */
export function timeZoneOption(value: unknown): string {
  const zone = requireString(value, 'timeZone').trim();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    fail('VeSync option timeZone must be an IANA time zone such as "Europe/Berlin"');
  }
  return zone;
}

/** A `TokenStore` (duck-typed, so stores from another copy of core work). */
export function storeOption(value: unknown): TokenStore | undefined {
  if (value === undefined) return undefined;
  const store = value as Partial<Record<keyof TokenStore, unknown>> | null;
  if (
    typeof store !== 'object' ||
    store === null ||
    typeof store.get !== 'function' ||
    typeof store.set !== 'function' ||
    typeof store.delete !== 'function' ||
    typeof store.withLock !== 'function'
  ) {
    fail('VeSync option store must be a TokenStore (get, set, delete, withLock), e.g. new FileStore()');
  }
  return value as TokenStore;
}

/** A fetch function. */
export function fetchOption(value: unknown): typeof globalThis.fetch | undefined {
  if (value !== undefined && typeof value !== 'function') fail('VeSync option fetch must be a function');
  return value as typeof globalThis.fetch | undefined;
}

/** A clock with `now()`. */
export function clockOption(value: unknown): Clock | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof (value as Clock).now !== 'function') {
    fail('VeSync option clock must have a now() method');
  }
  return value as Clock;
}

/** A positive, finite number of milliseconds a timer can hold. */
export function timeoutOption(value: unknown): number | undefined {
  return checkTimeoutOption(value, 'VeSync option `timeoutMs`', VENDOR);
}

/** `{ US?, EU? }`; any other key is a typo that would silently fall back to VeSync's host. */
export function hostsOption(value: unknown): Partial<Record<'US' | 'EU', string>> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('VeSync option hosts must be an object such as { US: "https://…", EU: "https://…" }');
  }
  const unknown = Object.keys(value).filter((key) => key !== 'US' && key !== 'EU');
  if (unknown.length > 0) fail(`VeSync option hosts has unknown region ${unknown.join(', ')} (use US or EU)`);
  return value as Partial<Record<'US' | 'EU', string>>;
}

/** A method's options object of known keys (`undefined` means none). */
export function callOptions<T extends object>(
  value: T | undefined,
  method: string,
  knownKeys: Readonly<Record<string, true>>,
): Partial<T> {
  return checkOptionsObject(value, method, knownKeys, VENDOR) as Partial<T>;
}

/** An `AbortSignal` or nothing. */
export function signalOption(value: unknown, method: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) fail(`${method}: signal must be an AbortSignal`);
  return value;
}

/** A file path given to a method. */
export function pathOption(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(`${name} must be a non-empty file path string`);
  return value;
}
