import {
  ApiError,
  AuthenticationError,
  InvalidCredentialsError,
  OtpRequiredError,
  RateLimitError,
  redactText,
  type Secret,
  TokenExpiredError,
  type TokenwiseError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { BURST_BACK_OFF_MS, DAILY_QUOTA_BACK_OFF_MS, VENDOR } from './constants.js';
import { outerDeviceError } from './device-codes.js';

/** VeSync result codes this package acts on (all arrive inside HTTP 200 answers). */
export const VeSyncCodes = {
  success: 0,
  wrongPassword: -11201129,
  accountNotFound: -11202129,
  illegalArgument: -11000129,
  twoFactorRequired: -11257129,
  crossRegion: -11260022,
  regionConflict: -11261022,
  tokenExpired: -11001022,
  tokenError: -11001000,
  tooFrequent: -16903086,
  dailyQuota: -16906086,
  appVersionTooLow: -11012022,
} as const;

// pyvesync matches the exact code, then the code rounded toward zero to the thousand.
const family = (code: number): number => Math.trunc(code / 1000) * 1000;

/** True for the codes that mean "this token is not accepted" (`-11001xxx`). */
export function isTokenErrorCode(code: number): boolean {
  return family(code) === VeSyncCodes.tokenError;
}

/** The numeric `code` of a VeSync envelope, or `undefined` when the body has none. */
export function resultCodeOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as { code?: unknown }).code;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

function messageOf(body: unknown, secrets: Iterable<string | Secret | undefined>): string {
  const msg = (body as { msg?: unknown }).msg;
  if (typeof msg !== 'string' || msg.trim() === '') return 'no message';
  // Server strings are fixed texts, but a proxy could echo the request: never let a secret through.
  // Redact before cutting short, so the cut cannot leave the start of a secret (or its MD5) behind.
  const redacted = redactText(msg, secrets).replace(/\s+/g, ' ').trim();
  return redacted.length > 120 ? `${redacted.slice(0, 120)}…` : redacted;
}

/**
 * Maps a VeSync result code to the core error a caller can act on, or
 * `undefined` for success. `secrets` are redacted from vendor text copied
 * into messages.
 */
export function veSyncError(
  response: Response,
  body: unknown,
  secrets: Iterable<string | Secret | undefined> = [],
): TokenwiseError | undefined {
  const code = resultCodeOf(body);
  if (code === undefined || code === VeSyncCodes.success) return undefined;
  const msg = messageOf(body, secrets);
  const options = { vendor: VENDOR };
  switch (family(code)) {
    case -11201000:
      return new InvalidCredentialsError(
        `VeSync rejected the password for this account (code ${code})`,
        options,
      );
    case -11202000:
      return new InvalidCredentialsError(`VeSync has no account with this e-mail (code ${code})`, options);
    case VeSyncCodes.tokenError:
      return new TokenExpiredError(`VeSync no longer accepts the token (code ${code}: ${msg})`, options);
    case -11003000:
    case -16903000:
      return new RateLimitError(`VeSync says requests are too frequent (code ${code})`, {
        ...options,
        retryAfterMs: BURST_BACK_OFF_MS,
      });
    case -16906000:
      return new RateLimitError(`VeSync says the account's daily request quota is used up (code ${code})`, {
        ...options,
        retryAfterMs: DAILY_QUOTA_BACK_OFF_MS,
      });
  }
  switch (code) {
    case VeSyncCodes.illegalArgument:
      return new InvalidCredentialsError(
        `VeSync refused the login as malformed (code ${code}: ${msg}); check the e-mail and password`,
        options,
      );
    case VeSyncCodes.twoFactorRequired:
      return new OtpRequiredError(
        `VeSync requires two-factor authentication for this account, which tokenwise does not support yet (code ${code}); turn 2FA off in the VeSync app, or log in elsewhere and pass the token to setCredentials()`,
        options,
      );
    case VeSyncCodes.crossRegion:
      return new AuthenticationError(
        `VeSync keeps redirecting this login to another region (code ${code}); set countryCode to the account's country`,
        options,
      );
    case VeSyncCodes.regionConflict:
      return new AuthenticationError(
        `VeSync refused the cross-region login (code ${code}: ${msg}); set countryCode to the account's country`,
        options,
      );
  }
  const device = outerDeviceError(code, msg, response.status);
  if (device) return device;
  return new ApiError(`VeSync answered code ${code}: ${msg}`, {
    ...options,
    status: response.status,
    vendorCode: code,
  });
}

/** A {@link VendorErrorMapper} for core's HTTP helpers that redacts the given secrets. */
export function createVeSyncErrorMapper(
  secrets: () => Iterable<string | Secret | undefined>,
): VendorErrorMapper {
  return (response, body) => veSyncError(response, body, secrets());
}
