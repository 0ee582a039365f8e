import {
  ApiError,
  TokenExpiredError,
  type TokenwiseError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

/** Which Cozify endpoint answered: the status codes mean different things on each. */
export type CozifyEndpoint = 'cloud' | 'remote' | 'hub';

/**
 * Cozify speaks only in HTTP statuses (no result codes in bodies). These are
 * the ones whose meaning differs from the generic mapping; everything else
 * falls through to core (404, 429, 5xx -> `NotFoundError`, `RateLimitError`, `ApiError`).
 */
export function cozifyErrorMapper(endpoint: CozifyEndpoint): VendorErrorMapper {
  return (response) => (response.ok ? undefined : statusError(endpoint, response.status));
}

function statusError(endpoint: CozifyEndpoint, status: number): TokenwiseError | undefined {
  const api = (message: string) => new ApiError(message, { status, vendor: VENDOR });
  if (status === 410) {
    return api(
      `The Cozify ${endpoint} rejected hub API version as outdated (HTTP 410); update @tokenwise/cozify`,
    );
  }
  if (endpoint === 'remote') {
    if (status === 400)
      return api('The hub is offline: the Cozify cloud could not relay the call (HTTP 400)');
    if (status === 402)
      return api('The Cozify cloud refused remote access: the account has a late payment (HTTP 402)');
    if (status === 408) return api('The hub is not connected to the Cozify cloud (HTTP 408)');
  }
  if (status === 401 || (endpoint !== 'cloud' && status === 403)) {
    const what = { cloud: 'cloud token', remote: 'cloud token or hub key', hub: 'hub token' }[endpoint];
    return new TokenExpiredError(`The Cozify ${endpoint} rejected the ${what} (HTTP ${status})`, {
      vendor: VENDOR,
    });
  }
  return undefined;
}
