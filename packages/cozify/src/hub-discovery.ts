import { isTokenwiseError, requestJson } from '@tokenwise/auth-core/vendor';
import { CLOUD_CALL_TIMEOUT_MS, CloudPaths, HubPaths, LAN_PROBE_TIMEOUT_MS, VENDOR } from './constants.js';
import { cozifyErrorMapper } from './errors.js';
import { type CozifyHubInfo, hubInfoSchema, lanIpsSchema } from './schemas.js';

/** How hubs are looked for on the LAN. */
export interface LanDiscoveryOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  /** The hubs' local API port (8893; tests use a loopback port). */
  hubPort: number;
}

/** `http://<ip>:<port>` of a hub's local API. IPv6 literals get their brackets. */
export function hubLanUrl(ip: string, port: number): string {
  const host = ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip;
  return `http://${host}:${port}`;
}

/**
 * `GET hub/lan_ip`: the LAN addresses of hubs behind the caller's public NAT
 * address. The cloud answers with an error when the caller is elsewhere,
 * which only means "no hub on this LAN", so every failure reads as none.
 */
export async function fetchLanIps(options: LanDiscoveryOptions): Promise<string[]> {
  try {
    return await requestJson({
      fetch: options.fetch,
      url: `${options.baseUrl}/${CloudPaths.lanIp}`,
      schema: lanIpsSchema,
      vendor: VENDOR,
      what: 'hub LAN addresses (lan_ip)',
      mapError: cozifyErrorMapper('cloud'),
      signal: AbortSignal.timeout(CLOUD_CALL_TIMEOUT_MS),
    });
  } catch (error) {
    if (isTokenwiseError(error)) return [];
    throw error;
  }
}

/**
 * The unauthenticated `GET http://<ip>:8893/hub`: which hub (if any) answers
 * at `ip`. Short timeout, because a hub that is not there usually does not
 * refuse, it just never answers.
 */
export async function probeHub(options: LanDiscoveryOptions, ip: string): Promise<CozifyHubInfo | undefined> {
  try {
    return await requestJson({
      fetch: options.fetch,
      url: `${hubLanUrl(ip, options.hubPort)}/${HubPaths.info}`,
      schema: hubInfoSchema,
      vendor: VENDOR,
      what: 'hub identity (/hub)',
      signal: AbortSignal.timeout(LAN_PROBE_TIMEOUT_MS),
    });
  } catch (error) {
    if (isTokenwiseError(error)) return undefined;
    throw error;
  }
}

/**
 * Maps hub id -> LAN address by asking every address the cloud reported who
 * it is. Unlike python-cozify's "first IP for every hub" (its issue #7), this
 * keeps several hubs on one LAN apart.
 */
export async function discoverLanHubs(
  options: LanDiscoveryOptions,
): Promise<Map<string, CozifyHubInfo & { ip: string }>> {
  const ips = await fetchLanIps(options);
  const found = new Map<string, CozifyHubInfo & { ip: string }>();
  const infos = await Promise.all(ips.map(async (ip) => ({ ip, info: await probeHub(options, ip) })));
  for (const { ip, info } of infos) {
    if (info && !found.has(info.hubId)) found.set(info.hubId, { ...info, ip });
  }
  return found;
}
