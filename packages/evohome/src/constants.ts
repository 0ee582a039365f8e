/** The vendor name used in errors, events and store keys. */
export const VENDOR = 'evohome';

/** Production base URL of both APIs since the 2024-12 move away from tccna.honeywell.com. */
export const DEFAULT_BASE_URL = 'https://tccna.resideo.com';

/**
 * Environment variable that points every evohome client at another host (a
 * sandbox or the mock) when the `baseUrl` option is not given. It is core's
 * `TOKENWISE_<VENDOR>_URL` name, so `resolveBaseUrl` reads it by itself.
 */
export const BASE_URL_ENV = 'TOKENWISE_EVOHOME_URL';

/** Base path of the V1 (sessionId) API, relative to the host. */
export const V1_BASE_PATH = '/WebAPI/api/';

/** Login path of the V1 API, relative to {@link V1_BASE_PATH}. */
export const V1_SESSION_PATH = 'session';

/** Public application id the vendor documents for V1 session logins. */
export const V1_APPLICATION_ID = '91db1612-73fd-4500-91b2-e63b069b185c';

/** Header that carries the V1 session id on every data call. */
export const V1_SESSION_HEADER = 'sessionId';

/** Nominal V1 session lifetime: 15 minutes (from last use on sliding servers, from login on others). */
export const V1_SESSION_TTL_MS = 15 * 60_000;

/**
 * How early a V1 session is renewed. V1 has no refresh: renewing early is a
 * login the vendor did not force (core's 60 s default cost a login on every
 * poll of a 14-minute loop), and a session that dies in flight costs the same
 * one login through the 401 path. 15 s is what evohome-async uses.
 */
export const V1_REFRESH_MARGIN_MS = 15_000;

/** Token endpoint of the V2 (OAuth) API, relative to the host. */
export const V2_TOKEN_PATH = '/Auth/OAuth/Token';

/** Base path of the V2 data API, relative to the host. */
export const V2_BASE_PATH = '/WebAPI/emea/api/v1/';

/**
 * The public OAuth client credential every evohome client sends (base64 of
 * `client_id:client_secret`). It identifies the app, not the user.
 */
export const V2_CLIENT_BASIC =
  'NGEyMzEwODktZDJiNi00MWJkLWE1ZWItMTZhMGE0MjJiOTk5OjFhMTVjZGI4LTQyZGUtNDA3Yi1hZGQwLTA1OWY5MmM1MzBjYg==';

/** Scope requested by both grants. */
export const V2_SCOPE = 'EMEA-V1-Basic EMEA-V1-Anonymous';

/**
 * How long every instance sharing a store refuses to log in after a 429.
 * The vendor sends no Retry-After and its lock-outs last "10 minutes or more".
 */
export const DEFAULT_LOGIN_LOCKOUT_MS = 10 * 60_000;

/**
 * The vendor refuses a second login of an account within about 10 s. Logins
 * of the account (V1 and V2) are kept this far apart by the session manager,
 * and a credential obtained less than this long ago that the vendor rejects is
 * not renewed (that renewal would be such a second login).
 */
export const DEFAULT_MIN_LOGIN_INTERVAL_MS = 10_000;

/** V1 `indoorTemperature` value that means "no reading". */
export const V1_TEMPERATURE_NOT_AVAILABLE = 128;

/** Headers that keep intermediaries from caching auth responses. */
export const NO_CACHE_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/json',
  'cache-control': 'no-cache, no-store',
  pragma: 'no-cache',
};
