/** Vendor name: the first half of every store key and the `vendor` of every error. */
export const VENDOR = 'tado';

/** tado's public OAuth client (no secret): the one every tado client library sends. */
export const TADO_CLIENT_ID = '1bb50063-6b0c-4d11-bd99-387f4a91cc46';

/** Asked for on the device authorization so the token answer carries a refresh token. */
export const TADO_SCOPE = 'offline_access';

/** The production auth server (`/oauth2/device_authorize`, `/oauth2/token`). */
export const TADO_AUTH_URL = 'https://login.tado.com';

/** The production REST API base. */
export const TADO_API_URL = 'https://my.tado.com/api/v2';

/** The grant type of a device-code poll (RFC 8628). */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Store key account when the caller names none: one tado login per store. */
export const DEFAULT_ACCOUNT = 'default';

/** Environment variables the client reads. */
export const ENV = {
  /** One server holding both `/oauth2/*` and `/api/v2/*` (the simulator's layout). */
  url: 'TOKENWISE_TADO_URL',
  /** The auth server alone. */
  authUrl: 'TOKENWISE_TADO_AUTH_URL',
  /** The REST API base alone. */
  apiUrl: 'TOKENWISE_TADO_API_URL',
} as const;

/** RFC 8628 §3.5: `slow_down` adds five seconds to the polling interval. */
export const SLOW_DOWN_STEP_MS = 5_000;

/** tado's access tokens live 10 minutes; renew 30 s ahead, as PyTado does. */
export const REFRESH_MARGIN_MS = 30_000;

/** Refresh tokens live 30 days from issue (single use). */
export const REFRESH_TOKEN_TTL_MS = 30 * 86_400_000;

/** How long a device login may hold the renewal: tado's codes last 300 s, with room for polling. */
export const DEVICE_LOGIN_TIMEOUT_MS = 15 * 60_000;
