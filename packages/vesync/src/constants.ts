/** Vendor name: first half of every store key and the `vendor` of every error. */
export const VENDOR = 'vesync';

/** VeSync's two regional API hosts (the default `baseUrl`); every endpoint has the same path on both. */
export const DEFAULT_BASE_URL = {
  US: 'https://smartapi.vesync.com',
  EU: 'https://smartapi.vesync.eu',
} as const;

/** Environment variable that points every region at one sandbox base URL. */
export const URL_ENV_VAR = 'TOKENWISE_VESYNC_URL';

/** Environment variable overriding the EU host only (a sandbox serving each region on its own path). */
export const EU_URL_ENV_VAR = 'TOKENWISE_VESYNC_EU_URL';

/** Paths (relative to a regional host) of the calls this package makes. */
export const PATHS = {
  authorize: 'globalPlatform/api/accountAuth/v1/authByPWDOrOTM',
  token: 'user/api/accountManage/v1/loginByAuthorizeCode4Vesync',
  devices: 'cloud/v1/deviceManaged/devices',
  /** One endpoint for every command and status read of modern devices; the device method is in `payload`. */
  bypassV2: 'cloud/v2/deviceManaged/bypassV2',
  /** Prefix of the V1 device calls (`deviceDetail`, `deviceStatus`, ...): `<prefix>/<method>`. */
  deviceManagedV1: 'cloud/v1/deviceManaged',
  /** The state of an older device (15A outlet, wall switch). */
  deviceDetail: 'cloud/v1/deviceManaged/deviceDetail',
  /** The 15A outlet's switch. */
  deviceStatus: 'cloud/v1/deviceManaged/deviceStatus',
  /** Retired in 2025; only the mock still answers it, with the codes the real hosts send. */
  legacyLogin: 'cloud/v1/user/login',
} as const;

/**
 * The official app's id. VeSync announced (Dec 2025) that random app ids
 * would be blocked, so this one is fixed.
 */
export const APP_ID = 'eldodkfj';

/** Body fields both login steps send unchanged (the values pyvesync 3.4.1 sends). */
export const LOGIN_CONSTANTS = {
  acceptLanguage: 'en',
  clientType: 'vesyncApp',
  clientVersion: 'VeSync 5.6.60',
  debugMode: false,
  osInfo: 'Android',
  /** The auth calls never carried the user's zone; changing it would only add a difference. */
  timeZone: 'America/New_York',
} as const;

/** Shown to the user as the "device" in VeSync's new-login e-mail. */
export const CLIENT_INFO = 'tokenwise';

/** Body fields of the data calls that never change. */
export const DATA_CALL_CONSTANTS = {
  acceptLanguage: 'en',
  appVersion: '5.6.60',
  phoneBrand: CLIENT_INFO,
  phoneOS: 'Android',
} as const;

/** Headers the app sends with data calls ("bypass headers"). */
export const DATA_CALL_HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  'user-agent': 'okhttp/3.12.1',
} as const;

/** The device list page size the app uses. */
export const DEVICE_PAGE_SIZE = 100;

/** Default IANA time zone of data calls. */
export const DEFAULT_TIME_ZONE = 'America/New_York';

/** Assumed token lifetime when the token is not a JWT with `exp` (the observed JWTs live 30 days). */
export const ASSUMED_TOKEN_LIFETIME_MS = 30 * 86_400_000;

/**
 * Renewal is a full login (no refresh endpoint), which costs login quota and
 * may e-mail the user, so renew only shortly before expiry.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** Login back-off after a throttle answer (VeSync never sends Retry-After). */
export const BURST_BACK_OFF_MS = 60_000;

/** Back-off after "daily quota used up"; VeSync does not say when the quota resets. */
export const DAILY_QUOTA_BACK_OFF_MS = 3_600_000;
