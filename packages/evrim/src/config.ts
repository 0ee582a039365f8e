import { ConfigurationError, type OptionKeys } from '@tokenwise/auth-core';
import type { EvrimFromTokenOptions, EvrimOptions } from './client.js';
import { ENV, VENDOR } from './constants.js';

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
