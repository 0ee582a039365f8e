/** Vendor name: first half of every store key this package writes. */
export const VENDOR = 'cozify';

/**
 * Default cloud base. python-cozify's host: PilcQ's newer `cloudapi.cozify.io`
 * falls back to this one on 401/403/404, so it is the host every client agrees on.
 */
export const DEFAULT_CLOUD_URL = 'https://cloud2.cozify.fi/ui/0.2';

/** Environment variable that points any program at another cloud (a sandbox, the mock). */
export const CLOUD_URL_ENV = 'TOKENWISE_COZIFY_URL';

/** Environment variable for the hubs' LAN API port (a sandbox hub listens on a free one). */
export const HUB_PORT_ENV = 'TOKENWISE_COZIFY_HUB_PORT';

/** Port every hub serves its local API on. */
export const HUB_LAN_PORT = 8893;

/** Hub API version in the `/cc/<ver>/` path (python-cozify main and PilcQ). */
export const HUB_API_VERSION = '1.14';

const DAY_MS = 86_400_000;

/** Lifetime of a cloud token when its JWT does not say (the vendor's tokens last 28 days). */
export const CLOUD_TOKEN_LIFETIME_MS = 28 * DAY_MS;

/**
 * Default refresh window: renew when the last renewal is older than this.
 * Small next to 28 days on purpose, because missing the lifetime forces an OTP login.
 */
export const DEFAULT_REFRESH_WINDOW_MS = DAY_MS;

/** The manager's own safety net: renew when fewer than 5 days remain (Cozify's JS-SDK rule). */
export const CLOUD_REFRESH_MARGIN_MS = 5 * DAY_MS;

/** An OTP e-mail can take minutes to arrive and type in: the shared renewal must wait that long. */
export const INTERACTIVE_LOGIN_TIMEOUT_MS = 10 * 60_000;

/**
 * Deadline of one unauthenticated cloud call (`requestlogin`, `lan_ip`, the
 * `hubkeys` ping): AuthorizedHttp's per-attempt default, so no call hangs.
 */
export const CLOUD_CALL_TIMEOUT_MS = 30_000;

/** How long the unauthenticated LAN probe of a hub may take (JS-SDK uses 500 ms). */
export const LAN_PROBE_TIMEOUT_MS = 1_500;

/** While a hub is reached remotely after the LAN failed, retry the LAN at most this often. */
export const LAN_RETRY_INTERVAL_MS = 60_000;

/** Cloud paths, relative to the cloud base. */
export const CloudPaths = {
  requestLogin: 'user/requestlogin',
  emailLogin: 'user/emaillogin',
  refreshSession: 'user/refreshsession',
  hubKeys: 'user/hubkeys',
  lanIp: 'hub/lan_ip',
  remoteHubInfo: 'hub/remote/hub',
  remoteApi: `hub/remote/cc/${HUB_API_VERSION}`,
} as const;

/** Hub paths, relative to `http://<ip>:8893`. */
export const HubPaths = {
  info: 'hub',
  api: `cc/${HUB_API_VERSION}`,
} as const;

/** Header that carries the hub token on calls relayed through the cloud. */
export const HUB_KEY_HEADER = 'x-hub-key';
