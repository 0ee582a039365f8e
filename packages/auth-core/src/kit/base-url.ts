import { configurationError } from '../option-object.js';

/** Where {@link resolveBaseUrl} looks, in order. */
export interface BaseUrlSources {
  /** The vendor's name, e.g. `'evrim'`; names the environment variable `TOKENWISE_EVRIM_URL`. */
  vendor: string;
  /** The value of the client's option (wins over everything else when given). */
  option: unknown;
  /** How the option is named in messages, e.g. `'Evrim option `baseUrl`'`. Default ``option `baseUrl` ``. */
  optionName?: string | undefined;
  /**
   * The variable read after the option. Default `TOKENWISE_<VENDOR>_URL`; a
   * vendor with several hosts names one per host (`TOKENWISE_VESYNC_EU_URL`).
   */
  envName?: string | undefined;
  /** Variables the vendor's own libraries document (`EVRIM_URL`), read after the tokenwise one. */
  seedEnvNames?: readonly string[] | undefined;
  /** Where variables are read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The vendor's production URL. Without one a missing URL is a `ConfigurationError`. */
  defaultUrl?: string | undefined;
}

/** The environment variable of a vendor's (or one of its hosts') base URL: `TOKENWISE_EVRIM_URL`, `TOKENWISE_VESYNC_EU_URL`. */
export function baseUrlEnvName(vendor: string, host?: string): string {
  const part = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return host === undefined ? `TOKENWISE_${part(vendor)}_URL` : `TOKENWISE_${part(vendor)}_${part(host)}_URL`;
}

/**
 * The one base-URL rule of every vendor: the option, else
 * `TOKENWISE_<VENDOR>_URL`, else the vendor's documented variables, else the
 * production default. Empty values count as unset. The URL must be http or
 * https, without credentials, query or fragment; a trailing slash is trimmed.
 * A bad value fails with a `ConfigurationError` that names where it came from
 * and never echoes it (a URL may carry a password).
 */
export function resolveBaseUrl(sources: BaseUrlSources): string {
  const env = sources.env ?? process.env;
  const optionName = sources.optionName ?? 'option `baseUrl`';
  if (sources.option !== undefined) return checkBaseUrl(sources.option, optionName, sources.vendor);
  for (const name of [sources.envName ?? baseUrlEnvName(sources.vendor), ...(sources.seedEnvNames ?? [])]) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') {
      return checkBaseUrl(value.trim(), `environment variable ${name}`, sources.vendor);
    }
  }
  if (sources.defaultUrl !== undefined)
    return checkBaseUrl(sources.defaultUrl, 'default URL', sources.vendor);
  throw configurationError(
    `${sources.vendor} needs a base URL: set ${optionName} or the environment variable ${
      sources.envName ?? baseUrlEnvName(sources.vendor)
    }`,
    sources.vendor,
  );
}

/**
 * Checks one base URL (`name` says where it came from) and returns it without
 * a trailing slash. See {@link resolveBaseUrl} for the rule.
 */
export function checkBaseUrl(value: unknown, name: string, vendor?: string): string {
  const fail = (problem: string): never => {
    throw configurationError(`${name} ${problem}`, vendor);
  };
  if (typeof value !== 'string' && !(value instanceof URL)) fail('must be an http(s) URL string');
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return fail('must be an http(s) URL such as "https://api.example.com"');
  }
  if (url.username !== '' || url.password !== '') fail('must not contain credentials (user:password@)');
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(String(value))) {
    fail('must not contain a query string or fragment');
  }
  return url.href.replace(/\/+$/, '');
}
