import {
  type ClientOptions,
  ConfigurationError,
  checkClientOptions,
  checkCountOption,
  checkDurationOption,
  checkSecretOption,
  checkStringOption,
  type OptionKeys,
  resolveBaseUrl,
  type Secret,
} from '@tokenwise/auth-core/vendor';
import { ENV, EVRIM_PRODUCTION_URL, VENDOR } from './constants.js';

/** Where environment variables are read from; `process.env` unless a test passes its own. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Options of {@link Evrim}. Each credential falls back to its environment variable. */
export interface EvrimOptions extends ClientOptions {
  /**
   * Base URL, e.g. `https://api.evrim.ai/prod`. Default `TOKENWISE_EVRIM_URL`,
   * then `EVRIM_URL`, then {@link EVRIM_PRODUCTION_URL}.
   */
  baseUrl?: string | undefined;
  /** Login name. Default `EVRIM_USERNAME`. Also names the stored session. */
  username?: string | undefined;
  /** Password; needed for logins and for renewal once the refresh token has expired. Default `EVRIM_PASSWORD`. */
  password?: string | Secret | undefined;
  /** Store key identity when there is no username. Default: the username. */
  account?: string | undefined;
  /** Renew this long before the access token expires. Default 60 000 ms. */
  refreshMarginMs?: number | undefined;
  /** Retries of idempotent data calls on 408/429/5xx. Default 2. */
  retries?: number | undefined;
  /** Environment to read the fallbacks from. Default `process.env`. */
  env?: EnvSource | undefined;
}

/** Options of {@link Evrim.fromToken}. */
export interface EvrimFromTokenOptions extends Omit<EvrimOptions, 'account'> {
  /** Access token. Default `EVRIM_TOKEN`. */
  token?: string | undefined;
  /** Same as `token`: the name the Python client 0.1.1 uses. */
  accessToken?: string | undefined;
  /** Refresh token, so the client can renew without a password. Default `EVRIM_REFRESH_TOKEN`. */
  refresh?: string | undefined;
  /** Same as `refresh`: the name the Python client 0.1.1 uses. */
  refreshToken?: string | undefined;
  /** Ask `/token/verify/` whether the access token is still good. Default true. */
  validate?: boolean | undefined;
}

const SHARED_OPTION_KEYS = {
  baseUrl: true,
  username: true,
  password: true,
  store: true,
  fetch: true,
  clock: true,
  refreshMarginMs: true,
  timeoutMs: true,
  maxBackOffMs: true,
  retries: true,
  env: true,
} as const;

/** Every option of {@link EvrimOptions}; the compiler keeps the list in step with the interface. */
export const EVRIM_OPTION_KEYS = {
  ...SHARED_OPTION_KEYS,
  account: true,
} as const satisfies OptionKeys<EvrimOptions>;

/** Every option of {@link EvrimFromTokenOptions}, kept in step with it the same way. */
export const FROM_TOKEN_OPTION_KEYS = {
  ...SHARED_OPTION_KEYS,
  token: true,
  accessToken: true,
  refresh: true,
  refreshToken: true,
  validate: true,
} as const satisfies OptionKeys<EvrimFromTokenOptions>;

/** What the options and the environment resolve to, before a client is built from them. */
export interface ResolvedEvrimOptions {
  baseUrl: string;
  username: string | undefined;
  password: Secret | undefined;
  env: EnvSource;
}

/**
 * Checks the options `new Evrim` and `Evrim.fromToken` share (unknown keys
 * first: a misspelled `baseUrl` must not fall back to an environment that may
 * point at production) and resolves the base URL and credentials: option,
 * then environment.
 */
export function resolveEvrimOptions(
  options: unknown,
  owner: string,
  keys: Readonly<Record<string, true>>,
): ResolvedEvrimOptions {
  const checked = checkClientOptions(options, owner, keys, VENDOR);
  const name = (option: string) => `${owner} option \`${option}\``;
  if (checked.env !== undefined && (typeof checked.env !== 'object' || checked.env === null)) {
    throw new ConfigurationError(`${name('env')} must be an object of environment variables`, {
      vendor: VENDOR,
    });
  }
  checkDurationOption(checked.refreshMarginMs, name('refreshMarginMs'), VENDOR);
  checkCountOption(checked.retries, name('retries'), VENDOR);
  const env = (checked.env as EnvSource | undefined) ?? processEnv();
  const baseUrl = resolveBaseUrl({
    vendor: VENDOR,
    option: checked.baseUrl,
    optionName: name('baseUrl'),
    seedEnvNames: [ENV.url],
    env,
    defaultUrl: EVRIM_PRODUCTION_URL,
  });
  const username = optionOrEnv(checked.username, name('username'), env, ENV.username);
  const password =
    checkSecretOption(checked.password, name('password'), VENDOR) ??
    checkSecretOption(fromEnv(env, ENV.password), `environment variable ${ENV.password}`, VENDOR);
  return { baseUrl, username, password, env };
}

/** The process environment, or an empty one where there is no `process` (browsers, workers). */
function processEnv(): EnvSource {
  return typeof process === 'undefined' ? {} : process.env;
}

/** An environment variable; empty counts as unset. */
function fromEnv(env: EnvSource, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A string option (checked, named in the message), else its environment variable. */
export function optionOrEnv(value: unknown, name: string, env: EnvSource, variable: string) {
  return checkStringOption(value, name, VENDOR) ?? fromEnv(env, variable);
}
