import { TADO_CLIENT_ID } from './constants.js';
import type { DeviceAuthorization } from './schemas.js';

/** What a person needs to approve a device login, announced through `onDeviceCode`. */
export interface DeviceCode {
  /** The code the page asks for, e.g. `7BQ5ZQ`. */
  userCode: string;
  /** The page to open and type the code into. */
  verificationUri: string;
  /** The page with the code (and `client_id`) filled in: the link to show. */
  verificationUriComplete: string;
  /** When the code stops working, epoch ms. */
  expiresAt: number;
  /** How often the SDK asks whether it was approved, ms. */
  intervalMs: number;
}

/** Called once per device login with the link and code to show; the poll starts when it returns. */
export type DeviceCodeHandler = (code: DeviceCode) => void | Promise<void>;

/**
 * The link to show. Since late 2025 tado's page answers `missing_client_id`
 * to a link without `client_id` (tado.md §1.3), so it is added whatever the
 * server sent, as PyTado does.
 */
export function completeVerificationUri(authorization: DeviceAuthorization): string {
  const url = new URL(authorization.verification_uri_complete ?? authorization.verification_uri);
  if (!url.searchParams.has('user_code')) url.searchParams.set('user_code', authorization.user_code);
  if (!url.searchParams.has('client_id')) url.searchParams.set('client_id', TADO_CLIENT_ID);
  return url.href;
}

/** The announcement for one device authorization received at `now`. */
export function deviceCodeOf(authorization: DeviceAuthorization, now: number): DeviceCode {
  return {
    userCode: authorization.user_code,
    verificationUri: authorization.verification_uri,
    verificationUriComplete: completeVerificationUri(authorization),
    expiresAt: now + authorization.expires_in * 1000,
    intervalMs: (authorization.interval ?? 5) * 1000,
  };
}
