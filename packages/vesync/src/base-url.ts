import { ConfigurationError, checkOptionsObject, resolveBaseUrl } from '@tokenwise/auth-core/vendor';
import { DEFAULT_BASE_URL, EU_URL_ENV_VAR, URL_ENV_VAR, VENDOR } from './constants.js';
import type { VeSyncRegion } from './region.js';

/** Base URL per region: VeSync has two hosts, so `baseUrl` is an object of them. */
export type VeSyncBaseUrl = Readonly<Record<VeSyncRegion, string>>;

/**
 * The `baseUrl` option: `{ US?, EU? }`. Any other key is a typo that would
 * silently send the password to VeSync's production host instead.
 */
export function checkBaseUrlOption(value: unknown, owner: string): Partial<VeSyncBaseUrl> | undefined {
  if (value === undefined) return undefined;
  if (Object.prototype.toString.call(value) !== '[object Object]') {
    throw new ConfigurationError(
      `${owner} option \`baseUrl\` must be an object of hosts such as { US: "https://…", EU: "https://…" }`,
      { vendor: VENDOR },
    );
  }
  return checkOptionsObject(
    value,
    `${owner} option \`baseUrl\``,
    ['US', 'EU'],
    VENDOR,
  ) as Partial<VeSyncBaseUrl>;
}

/**
 * Both regions' base URLs, by core's one rule. US: the option, then
 * `TOKENWISE_VESYNC_URL`, then VeSync's host. EU: the option, then
 * `TOKENWISE_VESYNC_EU_URL` (a sandbox serving each region on its own path),
 * then `TOKENWISE_VESYNC_URL` (one sandbox for both), then VeSync's host.
 */
export function resolveVeSyncBaseUrl(
  given: Partial<VeSyncBaseUrl> | undefined,
  owner: string,
  env?: Readonly<Record<string, string | undefined>>,
): VeSyncBaseUrl {
  const pick = (region: VeSyncRegion, envName: string, seedEnvNames: readonly string[]) =>
    resolveBaseUrl({
      vendor: VENDOR,
      option: given?.[region],
      optionName: `${owner} option \`baseUrl.${region}\``,
      envName,
      seedEnvNames,
      env,
      defaultUrl: DEFAULT_BASE_URL[region],
    });
  return { US: pick('US', URL_ENV_VAR, []), EU: pick('EU', EU_URL_ENV_VAR, [URL_ENV_VAR]) };
}

/**
 * Moves a request URL under one configured host to the same path under the
 * session's host: a token only works on the host that issued it, and the
 * region may change at any login (also between a rejected call and its replay).
 */
export function rebaseUrl(url: string, baseUrl: VeSyncBaseUrl, region: VeSyncRegion): string {
  const target = baseUrl[region];
  // Longest first, so a host that is a path prefix of the other one is not mistaken for it.
  const bases = [baseUrl.US, baseUrl.EU].sort((a, b) => b.length - a.length);
  for (const base of bases) {
    if (url === base || url.startsWith(`${base}/`)) return target + url.slice(base.length);
  }
  return url;
}
