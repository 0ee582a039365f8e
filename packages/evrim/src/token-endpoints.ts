import {
  ErrorCodes,
  isTokenwiseError,
  requestJson,
  type Secret,
  TokenExpiredError,
} from '@tokenwise/auth-core/vendor';
import { PATHS, VENDOR } from './constants.js';
import { mapLoginError, mapRefreshError, mapVerifyError } from './errors.js';
import { refreshResponseSchema, tokenPairSchema, verifyResponseSchema } from './schemas.js';

/** Where and how the unauthenticated simplejwt views are reached. */
export interface TokenEndpoints {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** The fetch every token call goes through: the strategy's, so that tests and proxies see it. */
  fetch: typeof globalThis.fetch;
}

/** Per-call plumbing: the renewal's deadline and the manager's clock. */
export interface TokenCallContext {
  signal?: AbortSignal | undefined;
  /** Current time, epoch ms, for reading a dated `Retry-After`: the manager's clock. */
  now(): number;
}

function common(context: TokenCallContext) {
  return {
    vendor: VENDOR,
    now: context.now,
    ...(context.signal ? { signal: context.signal } : {}),
  };
}

/** `POST /token/` with the username and password: a fresh access/refresh pair. */
export function obtainTokenPair(
  endpoints: TokenEndpoints,
  username: string,
  password: Secret,
  context: TokenCallContext,
): Promise<{ access: string; refresh: string }> {
  return requestJson({
    ...common(context),
    fetch: endpoints.fetch,
    url: `${endpoints.baseUrl}/${PATHS.token}`,
    json: { username, password: password.reveal() },
    schema: tokenPairSchema,
    what: 'login response',
    mapError: mapLoginError,
  });
}

/** `POST /token/refresh/`: a new access token, plus a new refresh token when the server rotates them. */
export async function refreshAccessToken(
  endpoints: TokenEndpoints,
  refreshToken: string,
  context: TokenCallContext,
): Promise<{ access: string; refresh?: string | undefined }> {
  return requestJson({
    ...common(context),
    fetch: endpoints.fetch,
    url: `${endpoints.baseUrl}/${PATHS.refresh}`,
    json: { refresh: refreshToken },
    schema: refreshResponseSchema,
    what: 'refresh response',
    mapError: mapRefreshError,
  });
}

/**
 * `POST /token/verify/`: true when the server accepts the token (signature,
 * expiry, blacklist). Its 401 is the answer "no", so it becomes `false`; a
 * network failure or 5xx is an error, never a silent `false`.
 */
export async function verifyToken(
  endpoints: TokenEndpoints,
  token: string,
  context: TokenCallContext,
): Promise<boolean> {
  try {
    await requestJson({
      ...common(context),
      fetch: endpoints.fetch,
      url: `${endpoints.baseUrl}/${PATHS.verify}`,
      json: { token },
      schema: verifyResponseSchema,
      what: 'verify response',
      mapError: (response, body) =>
        response.status === 401
          ? new TokenExpiredError('Evrim says the token is invalid or expired', { vendor: VENDOR })
          : mapVerifyError(response, body),
    });
    return true;
  } catch (error) {
    if (isTokenwiseError(error, ErrorCodes.TokenExpiredError)) return false;
    throw error;
  }
}
