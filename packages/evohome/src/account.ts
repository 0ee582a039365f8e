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
 * Throttle key of the account's logins. V1 and V2 logins count against one
 * per-account limit at the vendor, so both strategies use this one key: the
 * manager keeps their 429 back-off and their login spacing in one record.
 */
export function loginThrottleKey(username: string): string {
  return `${VENDOR}:${accountName(username)}`;
}
