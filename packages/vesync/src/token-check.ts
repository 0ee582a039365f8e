import {
  type ApiError,
  type AuthContext,
  ErrorCodes,
  isTokenwiseError,
  redactText,
  requestJson,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { devicesBody } from './api.js';
import { DATA_CALL_HEADERS, PATHS, VENDOR } from './constants.js';
import { isTokenErrorCode, resultCodeOf } from './errors.js';
import { envelopeSchema, type VeSyncSession } from './schemas.js';

/** What {@link tokenAccepted} needs. */
export interface TokenCheckOptions {
  /** The fetch the client uses. */
  fetch: typeof globalThis.fetch;
  /** The base URL of the host to ask (the one the token is believed to belong to). */
  baseUrl: string;
  /** IANA time zone sent in the check's body, as with every data call. */
  timeZone: string;
  /** The client's error mapper (it redacts the client's secrets; the token checked is redacted here). */
  mapError: VendorErrorMapper;
}

/**
 * Asks one host whether it accepts a session's token, with the cheapest
 * authenticated call (a one-entry device page). Only the strategy's `verify`
 * calls it: the token is not the manager's yet, so it is redacted from
 * anything VeSync echoes. Resolves false when VeSync rejects the token;
 * other failures throw.
 */
export async function tokenAccepted(
  session: Pick<VeSyncSession, 'token' | 'accountId'>,
  options: TokenCheckOptions,
  context: AuthContext<VeSyncSession>,
): Promise<boolean> {
  const redact = (body: unknown): unknown => {
    const msg = (body as { msg?: unknown } | null)?.msg;
    return typeof msg === 'string' ? { ...(body as object), msg: redactText(msg, [session.token]) } : body;
  };
  try {
    const body = await requestJson({
      fetch: options.fetch,
      url: `${options.baseUrl}/${PATHS.devices}`,
      headers: { ...DATA_CALL_HEADERS },
      json: {
        ...devicesBody(1, 1, options.timeZone, context.clock.now()),
        token: session.token,
        accountID: session.accountId,
      },
      schema: envelopeSchema,
      vendor: VENDOR,
      what: 'token check response',
      signal: context.signal,
      now: () => context.clock.now(),
      mapError: (response, payload) => {
        const code = resultCodeOf(payload);
        return code !== undefined && isTokenErrorCode(code)
          ? undefined
          : options.mapError(response, redact(payload));
      },
    });
    return !isTokenErrorCode(body.code);
  } catch (error) {
    if (isTokenwiseError(error, ErrorCodes.ApiError)) {
      const status = (error as ApiError).status;
      if (status === 401 || status === 419) return false;
    }
    throw error;
  }
}
