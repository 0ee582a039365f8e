/** VeSync's two clouds. An account lives in exactly one. */
export type VeSyncRegion = 'US' | 'EU';

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
