import { requestJson } from '@tokenwise/auth-core/vendor';
import { DEVICE_CODE_GRANT, TADO_CLIENT_ID, TADO_SCOPE, VENDOR } from './constants.js';
import { oauthErrorMapper } from './errors.js';
import {
  type DeviceAuthorization,
  deviceAuthorizationSchema,
  type TokenResponse,
  tokenResponseSchema,
} from './schemas.js';

/** Where and how the OAuth calls go. */
export interface OAuthEndpoints {
  /** The auth server base, e.g. `https://login.tado.com`. */
  authUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number | undefined;
}

/** One call's cancellation and clock. */
export interface OAuthCallContext {
  signal: AbortSignal | undefined;
  now: () => number;
}

// PyTado #314: "The Tado auth server requires application/x-www-form-urlencoded", so every
// parameter goes in a form body (the simulator also takes the query-string form others send).
function post<T>(
  endpoints: OAuthEndpoints,
  path: string,
  form: Record<string, string>,
  what: string,
  schema: Parameters<typeof requestJson<T>>[0]['schema'],
  context: OAuthCallContext,
): Promise<T> {
  return requestJson({
    fetch: endpoints.fetch,
    url: `${endpoints.authUrl}${path}`,
    method: 'POST',
    form,
    schema,
    vendor: VENDOR,
    what,
    mapError: oauthErrorMapper(what),
    now: context.now,
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    ...(endpoints.timeoutMs === undefined ? {} : { timeoutMs: endpoints.timeoutMs }),
  });
}

/** `POST /oauth2/device_authorize`: a device code and the user code to show. */
export function requestDeviceAuthorization(
  endpoints: OAuthEndpoints,
  context: OAuthCallContext,
): Promise<DeviceAuthorization> {
  return post(
    endpoints,
    '/oauth2/device_authorize',
    { client_id: TADO_CLIENT_ID, scope: TADO_SCOPE },
    'device authorization',
    deviceAuthorizationSchema,
    context,
  );
}

/**
 * One device-code poll of `POST /oauth2/token`. Throws
 * `AuthorizationPendingError` while nobody has approved, and the typed end
 * (`DeviceCodeExpiredError`, `DeviceCodeDeniedError`) otherwise.
 */
export function pollDeviceToken(
  endpoints: OAuthEndpoints,
  deviceCode: string,
  context: OAuthCallContext,
): Promise<TokenResponse> {
  return post(
    endpoints,
    '/oauth2/token',
    { client_id: TADO_CLIENT_ID, device_code: deviceCode, grant_type: DEVICE_CODE_GRANT },
    'device-code poll',
    tokenResponseSchema,
    context,
  );
}

/** The refresh grant: spends `refreshToken` (single use) for a new pair. No scope is sent. */
export function refreshTokens(
  endpoints: OAuthEndpoints,
  refreshToken: string,
  context: OAuthCallContext,
): Promise<TokenResponse> {
  return post(
    endpoints,
    '/oauth2/token',
    { client_id: TADO_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken },
    'token refresh',
    tokenResponseSchema,
    context,
  );
}
