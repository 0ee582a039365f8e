import {
  ConfigurationError,
  checkFunctionOption,
  checkOptionsObject,
  checkStringOption,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import type { EvrimFromTokenOptions, EvrimOptions } from './client.js';
import { ENV, VENDOR } from './constants.js';
import type { EvrimStrategyOptions } from './strategy.js';

const SHARED_OPTION_KEYS = {
  url: true,
  username: true,
  password: true,
  store: true,
  fetch: true,
  clock: true,
  refreshMarginMs: true,
  timeoutMs: true,
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

/** Where environment variables are read from; `process.env` unless a test passes its own. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Every option of {@link EvrimStrategyOptions}, kept in step with it by the compiler. */
export const STRATEGY_OPTION_KEYS = {
  baseUrl: true,
  account: true,
  username: true,
  password: true,
  fetch: true,
} as const satisfies OptionKeys<EvrimStrategyOptions>;

/**
 * Checks what `new EvrimStrategy` was given: it takes resolved values (no
 * environment fallbacks), so a missing or misspelled `baseUrl` would otherwise
 * surface as a TypeError.
 */
export function checkStrategyOptions(options: unknown): void {
  const owner = 'EvrimStrategy';
  const name = (option: string) => `${owner} option \`${option}\``;
  if (options === undefined) throw new ConfigurationError(`${owner} needs options`, { vendor: VENDOR });
  const checked = checkOptionsObject(options, owner, STRATEGY_OPTION_KEYS, VENDOR);
  if (checkStringOption(checked.baseUrl, name('baseUrl'), VENDOR) === undefined) {
    throw new ConfigurationError(`${owner} needs \`baseUrl\``, { vendor: VENDOR });
  }
  if (checkStringOption(checked.account, name('account'), VENDOR) === undefined) {
    throw new ConfigurationError(`${owner} needs \`account\``, { vendor: VENDOR });
  }
  checkStringOption(checked.username, name('username'), VENDOR);
  const password = checked.password as { reveal?: unknown } | null | undefined;
  if (
    password !== undefined &&
    (typeof password !== 'object' || password === null || typeof password.reveal !== 'function')
  ) {
    throw new ConfigurationError(`${name('password')} must be a Secret (use toSecret())`, { vendor: VENDOR });
  }
  checkFunctionOption(checked.fetch, name('fetch'), VENDOR);
}

/** The process environment, or an empty one where there is no `process` (browsers, workers). */
export function processEnv(): EnvSource {
  return typeof process === 'undefined' ? {} : process.env;
}

function fromEnv(env: EnvSource, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** An optional string option: absent is fine, anything but a non-empty string names the option. */
export function optionalString(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`The Evrim option "${option}" must be a non-empty string`, {
      vendor: VENDOR,
    });
  }
  return value;
}

/** An option, else its environment variable. */
export function optionOrEnv(value: unknown, option: string, env: EnvSource, variable: string) {
  return optionalString(value, option) ?? fromEnv(env, variable);
}

/**
 * The base URL: the `url` option, else `EVRIM_URL`, else the tokenwise-wide
 * `TOKENWISE_EVRIM_URL`. There is no silent default: pointing a script at
 * production by accident is worse than a clear error.
 */
export function resolveBaseUrl(value: unknown, env: EnvSource): string {
  const raw = optionalString(value, 'url') ?? fromEnv(env, ENV.url) ?? fromEnv(env, ENV.urlFallback);
  if (raw === undefined) {
    throw new ConfigurationError(
      `Evrim needs a base URL: pass the "url" option or set ${ENV.url} (or ${ENV.urlFallback}), e.g. https://api.evrim.ai/prod`,
      { vendor: VENDOR },
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigurationError('The Evrim base URL ("url" option or EVRIM_URL) is not a valid URL', {
      vendor: VENDOR,
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigurationError('The Evrim base URL must use http or https', { vendor: VENDOR });
  }
  if (parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
    // Everything is joined onto this URL; a query or credentials in it would leak into every call.
    throw new ConfigurationError('The Evrim base URL must not carry a query, fragment or credentials', {
      vendor: VENDOR,
    });
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
