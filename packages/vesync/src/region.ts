import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { DEFAULT_HOSTS, EU_URL_ENV_VAR, URL_ENV_VAR, VENDOR } from './constants.js';

/** VeSync's two clouds. An account lives in exactly one. */
export type VeSyncRegion = 'US' | 'EU';

/** Base URL per region. */
export type VeSyncHosts = Readonly<Record<VeSyncRegion, string>>;

/** Both regions, in a stable order. */
export const REGIONS: readonly VeSyncRegion[] = ['US', 'EU'];

// The app's own first guess; the server's `currentRegion` overrides it (many AU/NZ and old EU accounts live on US).
const US_HOST_COUNTRIES = new Set(['US', 'CA', 'MX', 'JP']);

/** First guess of an account's region from its country code. */
export function regionForCountry(countryCode: string): VeSyncRegion {
  return US_HOST_COUNTRIES.has(countryCode.toUpperCase()) ? 'US' : 'EU';
}

/** The other region (cross-region fallbacks). */
export function otherRegion(region: VeSyncRegion): VeSyncRegion {
  return region === 'US' ? 'EU' : 'US';
}

/** True for `US` / `EU` in any case. */
export function isRegion(value: unknown): value is VeSyncRegion {
  return value === 'US' || value === 'EU';
}

/**
 * The base URLs to use: explicit `hosts` first; then, for the EU host,
 * `TOKENWISE_VESYNC_EU_URL`; then `TOKENWISE_VESYNC_URL` (one sandbox for
 * both regions); then VeSync's hosts. Throws a ConfigurationError naming the
 * bad setting.
 */
export function resolveHosts(
  hosts: Partial<Record<VeSyncRegion, string>> | undefined,
  env: Record<string, string | undefined> = process.env,
): VeSyncHosts {
  const fromEnv = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : checkUrl(value, name);
  };
  const envUrl = fromEnv(URL_ENV_VAR);
  const euEnvUrl = fromEnv(EU_URL_ENV_VAR);
  const pick = (region: VeSyncRegion): string => {
    const given = hosts?.[region];
    if (given !== undefined) return checkUrl(given, `hosts.${region}`);
    return (region === 'EU' ? euEnvUrl : undefined) ?? envUrl ?? DEFAULT_HOSTS[region];
  };
  return { US: pick('US'), EU: pick('EU') };
}

function checkUrl(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`VeSync option ${name} must be a non-empty URL string`, { vendor: VENDOR });
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigurationError(`VeSync option ${name} is not a valid URL`, { vendor: VENDOR });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`VeSync option ${name} must be an http(s) URL`, { vendor: VENDOR });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigurationError(`VeSync option ${name} must not have a query or fragment`, {
      vendor: VENDOR,
    });
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Moves a request URL under one configured host to the same path under the
 * session's host: a token only works on the host that issued it, and the
 * region may change at any login (also between a rejected call and its replay).
 */
export function rebaseUrl(url: string, hosts: VeSyncHosts, region: VeSyncRegion): string {
  const target = hosts[region];
  // Longest first, so a host that is a path prefix of the other one is not mistaken for it.
  const bases = [hosts.US, hosts.EU].sort((a, b) => b.length - a.length);
  for (const base of bases) {
    if (url === base || url.startsWith(`${base}/`)) return target + url.slice(base.length);
  }
  return url;
}
