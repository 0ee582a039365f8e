import { baseUrlEnvName } from '@tokenwise/auth-core/vendor';

declare const __TOKENWISE_VERSION__: string | undefined;

/** Vendor name used in store keys, errors and events. */
export const VENDOR = 'navien';

/** The US NaviLink REST base (`/api/v2.1`). Other regions run other clouds. */
export const DEFAULT_BASE_URL = 'https://nlus.naviensmartcontrol.com/api/v2.1';

/**
 * Environment variable that points every client at another base URL (a sandbox, the mock):
 * `TOKENWISE_NAVIEN_URL`. The vendor's own libraries document no URL variable of their own.
 */
export const BASE_URL_ENV = baseUrlEnvName(VENDOR);

/** Environment variables holding the account e-mail and password. */
export const EMAIL_ENV = 'NAVIEN_EMAIL';
/** See {@link EMAIL_ENV}. */
export const PASSWORD_ENV = 'NAVIEN_PASSWORD';

/** REST paths relative to the base URL. */
export const PATHS = {
  signIn: 'user/sign-in',
  refresh: 'auth/refresh',
  deviceList: 'device/list',
  deviceInfo: 'device/info',
  firmwareInfo: 'device/firmware/info',
  tou: 'device/tou',
  pushToken: 'app/update-push-token',
} as const;

/** The one success value of the envelope's `code`. */
export const SUCCESS_CODE = 200;

/** `/device/list` refuses pages larger than this. */
export const MAX_DEVICE_PAGE = 20;

/** Lifetime the vendor uses when a reply omits `authenticationExpiresIn`. */
export const DEFAULT_TOKEN_LIFETIME_S = 3600;

/** The vendor's libraries treat every credential as expired this long before its deadline. */
export const DEFAULT_EXPIRY_MARGIN_MS = 5 * 60_000;

/** AWS IoT Core endpoint (WebSocket, SigV4-presigned) of the US cloud. */
export const DEFAULT_IOT_URL = 'wss://a1t30mldyslmuq-ats.iot.us-east-1.amazonaws.com/mqtt';

/** Environment variable overriding {@link DEFAULT_IOT_URL}: `TOKENWISE_NAVIEN_IOT_URL`. */
export const IOT_URL_ENV = baseUrlEnvName(VENDOR, 'iot');

/** Region and service the IoT WebSocket handshake is signed for. */
export const IOT_REGION = 'us-east-1';
/** See {@link IOT_REGION}. */
export const IOT_SERVICE = 'iotdevicegateway';

/** Device type of the NWP500 heat-pump water heater in topics and payloads. */
export const NWP500_DEVICE_TYPE = 52;

/** Protocol version carried by every MQTT envelope. */
export const MQTT_PROTOCOL_VERSION = 2;

/** Command code of a status request (the status reply echoes it). */
export const STATUS_REQUEST_COMMAND = 16_777_219;

/** Version of this package, injected at build time. */
export const PACKAGE_VERSION: string =
  typeof __TOKENWISE_VERSION__ === 'string' ? __TOKENWISE_VERSION__ : '0.0.0-dev';

/** User-Agent of every REST call; the vendor requires no particular one. */
export const USER_AGENT = `tokenwise-navien/${PACKAGE_VERSION}`;
