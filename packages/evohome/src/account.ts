import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

/**
 * The account name both flows key on. Lower-cased because the vendor treats
 * e-mail addresses case-insensitively, so `Me@x.com` and `me@x.com` must share
 * one session and one login throttle.
 */
export function accountName(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Store key of the login back-off. V1 and V2 logins count against one
 * per-account limit at the vendor, so both strategies use this one key.
 */
export function loginThrottleKey(username: string): string {
  return `${VENDOR}:${accountName(username)}`;
}

/** Validates the `username` option early, so a bad value never reaches a request. */
export function requireUsername(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(
      'evohome option `username` must be a non-empty string (the account e-mail)',
      {
        vendor: VENDOR,
      },
    );
  }
  return value.trim();
}
