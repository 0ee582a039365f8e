import {
  type Clock,
  ConfigurationError,
  checkOptionsObject,
  type OptionKeys,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import type { CloudStrategyOptions } from './cloud-strategy.js';
import { CLOUD_URL_ENV, VENDOR } from './constants.js';
import type { OtpProvider } from './otp.js';
import type { CozifyHubState } from './schemas.js';

/** Options of {@link Cozify}. */
export interface CozifyOptions {
  /** The Cozify account. Default: the last account used with `store`, else asked on a terminal. */
  email?: string;
  /** Where tokens and hub state live. Default: a new `MemoryStore` (this process only). */
  store?: TokenStore;
  /** Returns the code Cozify e-mails at login. Without it, a terminal prompt, else `OtpRequiredError`. */
  otp?: OtpProvider;
  /** The fetch used for every call. Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Cloud base. Default: `TOKENWISE_COZIFY_URL`, else `https://cloud2.cozify.fi/ui/0.2`. */
  cloudUrl?: string;
  /** Port of hubs' local API. Default 8893 (tests point it at a loopback port). */
  hubPort?: number;
  /** Check the cloud token's refresh window before every call. Default true. */
  autorefresh?: boolean;
  /** The refresh window: renew when the last renewal is older than this. Default 1 day. */
  tokenExpiryMs?: number;
  /** Time source (tests). */
  clock?: Clock;
}

/** Options of {@link Cozify.authenticate}. */
export interface AuthenticateOptions {
  /** Trust a stored cloud token that still answers. `false` forces an OTP login. Default true. */
  trustCloud?: boolean;
  /** Trust stored hub keys that still answer. `false` fetches them again. Default true. */
  trustHub?: boolean;
  /** Newly found hubs use the cloud relay, never the LAN. Default false. */
  remote?: boolean;
  /** Newly found hubs fall back to the cloud relay when the LAN fails. Default true. */
  autoremote?: boolean;
  /** Renew the cloud token when its refresh window has passed. Default true. */
  autorefresh?: boolean;
  /** The refresh window for this call. Default {@link Cozify.tokenExpiryMs}. */
  expiryMs?: number;
  signal?: AbortSignal;
}

/** Options of `Cozify.token(newToken, options)`. */
export interface TokenOptions {
  /** Store the token for every process (default), or keep it in this instance only (`false`). */
  commit?: boolean;
}

/** Options of {@link Cozify.ping}. */
export interface PingOptions {
  /** After a successful ping, renew the token if the refresh window has passed. Default true. */
  autorefresh?: boolean;
  /** The refresh window for this call. */
  expiryMs?: number;
}

/** Options of {@link Cozify.refresh}. */
export interface RefreshOptions {
  /** Renew even inside the refresh window. Default false. */
  force?: boolean;
  /** The refresh window for this call. */
  expiryMs?: number;
}

/** Options of {@link Cozify.discoverHubs}. */
export interface DiscoverHubsOptions {
  /** Use the cloud relay for every hub; skip the LAN. Default false. */
  remote?: boolean;
  /** Fall back to the relay when the LAN fails. Default true. */
  autoremote?: boolean;
  signal?: AbortSignal;
}

/** A hub this account knows, as {@link Cozify.hubs} lists it. */
export interface CozifyHubSummary extends CozifyHubState {
  /** The hub `hub()` returns without an argument. */
  isDefault: boolean;
}

/**
 * Every option of {@link CozifyOptions}; the compiler keeps the list in step
 * with the interface. Unknown keys are refused: a misspelled `cloudUrl`
 * would otherwise send the login to the production cloud.
 */
export const COZIFY_OPTION_KEYS = {
  email: true,
  store: true,
  otp: true,
  fetch: true,
  cloudUrl: true,
  hubPort: true,
  autorefresh: true,
  tokenExpiryMs: true,
  clock: true,
} as const satisfies OptionKeys<CozifyOptions>;

/** The options each method accepts, kept in step with their interfaces the same way. */
export const METHOD_OPTION_KEYS = {
  authenticate: {
    trustCloud: true,
    trustHub: true,
    remote: true,
    autoremote: true,
    autorefresh: true,
    expiryMs: true,
    signal: true,
  } satisfies OptionKeys<AuthenticateOptions>,
  token: { commit: true } satisfies OptionKeys<TokenOptions>,
  ping: { autorefresh: true, expiryMs: true } satisfies OptionKeys<PingOptions>,
  refresh: { force: true, expiryMs: true } satisfies OptionKeys<RefreshOptions>,
  discoverHubs: { remote: true, autoremote: true, signal: true } satisfies OptionKeys<DiscoverHubsOptions>,
} as const;

/** Every option of {@link CloudStrategyOptions}, kept in step with it by the compiler. */
export const CLOUD_STRATEGY_OPTION_KEYS = {
  email: true,
  cloudUrl: true,
  fetch: true,
  otp: true,
} as const satisfies OptionKeys<CloudStrategyOptions>;

/**
 * Checks what `createCloudStrategy` was given: it takes resolved values (no
 * defaults), so a misspelled `cloudUrl` would otherwise surface as a
 * TypeError or a request to `undefined/...`.
 */
export function checkCloudStrategyOptions(options: unknown): void {
  const owner = 'createCloudStrategy';
  if (options === undefined) throw configError(`${owner} needs options`);
  const checked = checkOptionsObject(options, owner, CLOUD_STRATEGY_OPTION_KEYS, VENDOR);
  checkEmail(checked.email, 'email');
  if (typeof checked.cloudUrl !== 'string')
    throw configError(`${owner}: \`cloudUrl\` must be an http(s) URL`);
  checkUrl(checked.cloudUrl);
  if (typeof checked.fetch !== 'function') throw configError(`${owner}: \`fetch\` must be a fetch function`);
  if (checked.otp !== undefined && typeof checked.otp !== 'function') {
    throw configError(`${owner}: \`otp\` must be a function returning the code`);
  }
}

/** A `ConfigurationError` of this package. */
export function configError(message: string): ConfigurationError {
  return new ConfigurationError(message, { vendor: VENDOR });
}

/**
 * The options object of a method call (`{}` when omitted), or a
 * `ConfigurationError` naming the method and the option: `null` or a string
 * there would otherwise surface as a TypeError from deep inside, and an
 * unknown (misspelled) key would be ignored.
 */
export function checkOptions<T extends object>(
  value: T | undefined,
  method: string,
  knownKeys: Readonly<Record<string, true>>,
): T | Record<string, never> {
  return checkOptionsObject(value, method, knownKeys, VENDOR) as T | Record<string, never>;
}

/** A boolean option (default when omitted), or a `ConfigurationError` naming it. */
export function checkFlag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw configError(`\`${name}\` must be true or false`);
  return value;
}

/** `value` as a trimmed e-mail address, or a `ConfigurationError` naming `name`. */
export function checkEmail(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(value.trim())) {
    throw configError(`\`${name}\` must be an e-mail address`);
  }
  return value.trim();
}

/** An http(s) base URL without trailing slashes, or a `ConfigurationError`. */
export function checkUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw configError(`\`cloudUrl\` (or ${CLOUD_URL_ENV}) must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** A non-negative number of milliseconds, or a `ConfigurationError` naming `name`. */
export function checkDuration(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw configError(`\`${name}\` must be a non-negative number of milliseconds`);
  }
  return value;
}
