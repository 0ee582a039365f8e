import {
  ApiError,
  InvalidCredentialsError,
  NotFoundError,
  TokenRefreshError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { errorBodySchema } from './schemas.js';

const vendor = VENDOR;

/** The API's own error code, when the body is its envelope; never the raw body (it may echo secrets). */
function codeOf(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
}

/** Login: a 401 means the username or password is wrong; anything else is left to the core. */
export const mapLoginError: VendorErrorMapper = (response) =>
  response.status === 401
    ? new InvalidCredentialsError('Tado rejected the username or password', { vendor })
    : undefined;

/** Refresh: `400 invalid_grant` means the refresh token is dead (the manager then logs in again). */
export const mapRefreshError: VendorErrorMapper = (response, body) =>
  response.status === 400 && codeOf(body) === 'invalid_grant'
    ? new TokenRefreshError('Tado rejected the refresh token', { vendor })
    : undefined;

/** Data calls: 404 and other 4xx envelopes become typed errors with the vendor's code. */
export const mapDataError: VendorErrorMapper = (response, body) => {
  if (response.status === 404) {
    return new NotFoundError('Tado found no such resource', {
      status: 404,
      vendor,
      vendorCode: codeOf(body),
    });
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429) {
    return new ApiError(`Tado refused the request (HTTP ${response.status})`, {
      status: response.status,
      vendor,
      vendorCode: codeOf(body),
    });
  }
  return undefined;
};
