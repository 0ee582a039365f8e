import {
  type AuthStrategy,
  ConfigurationError,
  ErrorCodes,
  InvalidCredentialsError,
  isTokenwiseError,
  readBody,
  type Secret,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { rebaseUrl, type VeSyncBaseUrl } from './base-url.js';
import { BURST_BACK_OFF_MS, DEFAULT_TIME_ZONE, REFRESH_MARGIN_MS, VENDOR } from './constants.js';
import { isTokenErrorCode, resultCodeOf } from './errors.js';
import { loginWithPassword } from './login-flow.js';
import { checkStrategyOptions } from './options.js';
import { otherRegion } from './region.js';
import { type VeSyncSession, veSyncSessionSchema } from './schemas.js';
import type { TerminalIdentity } from './terminal-identity.js';
import { tokenAccepted } from './token-check.js';
import { TraceIds } from './trace-id.js';

/** Options of {@link createVeSyncStrategy}. */
export interface VeSyncStrategyOptions {
  /** The account e-mail as the user typed it. */
  email: string;
  /** Needed only to log in; a client fed a saved token can work without it until the token expires. */
  password: Secret | undefined;
  /** Base URL per region (see `resolveVeSyncBaseUrl`); data calls are moved to the session's region. */
  baseUrl: VeSyncBaseUrl;
  /** The fetch used by both login steps. */
  fetch: typeof globalThis.fetch;
  /**
   * Terminal id and region of this client when there is no session to take
   * them from (first login, a token handed over by the user); shared with the client.
   */
  identity: TerminalIdentity;
  /** VeSync result codes to core errors (see `createVeSyncErrorMapper`), redacting the client's secrets. */
  mapError: VendorErrorMapper;
  /** IANA time zone of the token check `verify` makes. Default `America/New_York`. */
  timeZone?: string | undefined;
}

/** The store key's account part: e-mails are case-insensitive at VeSync. */
export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * VeSync's flow for the session manager: renewal is always the two-step
 * login (there is no refresh endpoint); the token and account id travel in
 * the JSON body, so `authorize` sets them in the request parts' JSON before
 * the request is built — a replay after a rejection carries the new token,
 * not the stale one. `verify` checks a token handed in from outside with one
 * cheap data call on its host (both hosts when its region is only a guess).
 */
export function createVeSyncStrategy(options: VeSyncStrategyOptions): AuthStrategy<VeSyncSession> {
  checkStrategyOptions(options);
  const { identity, baseUrl } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const account = accountKey(options.email);
  const traceIds = new TraceIds();
  // VeSync throttles an account by its number of logins (about 30 in 30 minutes, HA #122620),
  // so a password it refused is never sent again by this strategy: a program polling with a
  // wrong password would otherwise log in on every call. A new client (new password) tries again.
  let refused: InvalidCredentialsError | undefined;

  return {
    vendor: VENDOR,
    account,
    schema: veSyncSessionSchema,
    refreshMarginMs: REFRESH_MARGIN_MS,
    defaultRateLimitMs: BURST_BACK_OFF_MS,
    login(context) {
      const password = options.password;
      if (password === undefined || password.isEmpty) {
        return Promise.reject(
          new ConfigurationError('VeSync option password is required to log in (no valid saved token)', {
            vendor: VENDOR,
          }),
        );
      }
      if (refused !== undefined) return Promise.reject(refused);
      return loginWithPassword(
        {
          fetch: options.fetch,
          baseUrl,
          email: options.email.trim(),
          account,
          password,
          identity,
          traceIds,
          mapError: options.mapError,
        },
        context,
      ).catch((error: unknown) => {
        if (isTokenwiseError(error, ErrorCodes.InvalidCredentialsError)) {
          refused = new InvalidCredentialsError(
            `${error.message}; this client will not send that password again (create a new client to retry)`,
            { vendor: VENDOR },
          );
        }
        throw error;
      });
    },
    authorize(parts, session) {
      const url = rebaseUrl(parts.url.href, baseUrl, session.region);
      if (url !== parts.url.href) parts.url.href = url;
      if (parts.method === 'GET' || parts.method === 'HEAD') return;
      const body = parts.json ?? {};
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ConfigurationError('VeSync data calls need a JSON object body to carry the token', {
          vendor: VENDOR,
        });
      }
      parts.json = { ...body, token: session.token, accountID: session.accountId };
    },
    async isAuthFailure(response) {
      // Never seen in logs, but tsvesync treats 401/419 as a rejected token; a proxy may answer so.
      if (response.status === 401 || response.status === 419) return true;
      if (!response.ok) return false;
      const body = await readBody(response, VENDOR, 'response').catch(() => undefined);
      const code = resultCodeOf(body?.value);
      return code !== undefined && isTokenErrorCode(code);
    },
    token(session) {
      return session.token;
    },
    async verify(session, context) {
      // A file without a region only has a guess; old EU accounts often live on the US host.
      const { regionGuessed, ...given } = session;
      const regions = regionGuessed ? [given.region, otherRegion(given.region)] : [given.region];
      for (const region of regions) {
        const check = {
          fetch: options.fetch,
          baseUrl: baseUrl[region],
          timeZone,
          mapError: options.mapError,
        };
        if (await tokenAccepted(given, check, context)) return { ...given, region };
      }
      return undefined;
    },
  };
}
