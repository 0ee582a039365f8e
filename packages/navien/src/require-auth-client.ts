import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import type { NavienAuthClient } from './client.js';
import { VENDOR } from './constants.js';

/**
 * Checks the auth client handed to the API or MQTT client up front, so a
 * missing one is a `ConfigurationError` at construction instead of a
 * TypeError on the first call. Duck-typed on purpose: an instance from
 * another copy of this package (ESM next to CJS) is just as good.
 */
export function requireAuthClient(auth: unknown, owner: string): NavienAuthClient {
  const candidate = auth as Partial<NavienAuthClient> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.request !== 'function' ||
    typeof candidate.getAwsCredentials !== 'function'
  ) {
    throw new ConfigurationError(`${owner} needs a NavienAuthClient`, { vendor: VENDOR });
  }
  return candidate as NavienAuthClient;
}
