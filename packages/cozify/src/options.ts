import {
  type ClientOptions,
  ConfigurationError,
  checkBooleanOption,
  checkOptionsObject,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import { HUB_PORT_ENV, VENDOR } from './constants.js';
import type { OtpProvider } from './otp.js';
import type { CozifyHubState } from './schemas.js';

/** Options of {@link Cozify}: the common client options plus Cozify's own. */
export interface CozifyOptions extends ClientOptions {
  /** The Cozify account. Default: the last account used with `store`, else asked on a terminal. */
  email?: string | undefined;
  /** Returns the code Cozify e-mails at login. Without it, a terminal prompt, else `OtpRequiredError`. */
  otp?: OtpProvider | undefined;
  /** Cloud base. Default: `TOKENWISE_COZIFY_URL`, else `https://cloud2.cozify.fi/ui/0.2`. */
  baseUrl?: string | undefined;
  /** Port of hubs' local API. Default `TOKENWISE_COZIFY_HUB_PORT`, else 8893. */
  hubPort?: number | undefined;
  /** Renew the cloud token once its refresh window has passed, before calls. Default true. */
  autorefresh?: boolean | undefined;
  /** The refresh window: renew when the last renewal is older than this. Default 1 day. */
  tokenExpiryMs?: number | undefined;
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
  /** The refresh window for this call (it can only narrow the client's). */
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
 * with the interface. Unknown keys are refused: a misspelled `baseUrl`
 * would otherwise send the login to the production cloud.
 */
export const COZIFY_OPTION_KEYS = {
  email: true,
  store: true,
  otp: true,
  fetch: true,
  baseUrl: true,
  hubPort: true,
  autorefresh: true,
  tokenExpiryMs: true,
  clock: true,
  timeoutMs: true,
  maxBackOffMs: true,
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

/** A `ConfigurationError` of this package. */
export function configError(message: string): ConfigurationError {
  return new ConfigurationError(message, { vendor: VENDOR });
}

/**
 * The options object of a method call (`{}` when omitted), or a
 * `ConfigurationError` naming the method and the option: an unknown
 * (misspelled) key would otherwise be ignored.
 */
export function checkMethodOptions<T extends object>(
  value: T | undefined,
  method: string,
  knownKeys: Readonly<Record<string, true>>,
): Partial<T> {
  return checkOptionsObject(value, method, knownKeys, VENDOR) as Partial<T>;
}

/** A boolean method option, `fallback` when omitted. */
export function flag(value: unknown, method: string, name: string, fallback: boolean): boolean {
  return checkBooleanOption(value, `${method} option \`${name}\``, VENDOR) ?? fallback;
}

/**
 * The hubs' LAN port: the option, else {@link HUB_PORT_ENV}, else `fallback`.
 * Cozify's own option: no other vendor talks to a device on the LAN.
 */
export function resolveHubPort(option: unknown, fallback: number, env = process.env): number {
  const fromEnv = env[HUB_PORT_ENV];
  const port = option !== undefined ? option : fromEnv ? Number(fromEnv) : fallback;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw configError(`Cozify option \`hubPort\` (or ${HUB_PORT_ENV}) must be a TCP port number`);
  }
  return port;
}
