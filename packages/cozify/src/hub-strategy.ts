import type { AuthStrategy } from '@tokenwise/auth-core/vendor';
import { HUB_KEY_HEADER, VENDOR } from './constants.js';
import { type CozifyHubSession, hubSessionSchema } from './schemas.js';
import { type TokenOrigin, tokenTimes } from './token-lifetime.js';

/** Options of {@link createHubStrategy}. */
export interface HubStrategyOptions {
  email: string;
  hubId: string;
  /** Fetches this hub's token from the cloud (`user/hubkeys`) with the cloud token. */
  fetchHubToken(hubId: string, signal: AbortSignal): Promise<string>;
  /** The cloud relay's base (`<cloud>/hub/remote`): calls under it carry the cloud token too. */
  relayBaseUrl: string;
  /** A valid cloud token (the cloud manager's), for calls relayed by the cloud. */
  cloudToken(signal: AbortSignal): Promise<string>;
}

/** Store account of a hub token: one per e-mail and hub. */
export function hubAccount(email: string, hubId: string): string {
  return `${email}/hub/${hubId}`;
}

/**
 * A hub token's "login" is a cloud call, never an OTP: the cloud hands out
 * hub keys to any valid cloud token. There is no refresh endpoint, so a
 * rejected or expired hub key is simply fetched again. One flow for both
 * routes, told apart by URL: on the LAN `Authorization` carries the hub key;
 * through the cloud relay it carries the cloud token and `X-Hub-Key` the hub
 * key. A relayed rejection renews the hub key, whose fetch in turn renews the
 * cloud token if that was the stale one.
 */
export function createHubStrategy(options: HubStrategyOptions): AuthStrategy<CozifyHubSession> {
  const relayPrefix = `${options.relayBaseUrl.replace(/\/+$/, '')}/`;
  return {
    vendor: VENDOR,
    account: hubAccount(options.email, options.hubId),
    schema: hubSessionSchema,
    async login(context) {
      const hubToken = await options.fetchHubToken(options.hubId, context.signal);
      return hubSessionFromToken(options.email, options.hubId, hubToken, context.clock.now());
    },
    async authorize(parts, session) {
      if (parts.url.href.startsWith(relayPrefix)) {
        parts.headers.set('authorization', await options.cloudToken(parts.signal));
        parts.headers.set(HUB_KEY_HEADER, session.hubToken);
      } else {
        parts.headers.set('authorization', session.hubToken);
      }
    },
    authFailureOnlyOnErrorStatus: true,
    isAuthFailure(response) {
      // python-cozify treats 403 from a hub as a bad hub key too.
      return response.status === 401 || response.status === 403;
    },
    token(session) {
      return session.hubToken;
    },
  };
}

/**
 * A hub session for a token from `hubkeys` (`received`, the default) or from
 * an imported state file (`imported`: only its own `exp` counts).
 */
export function hubSessionFromToken(
  email: string,
  hubId: string,
  hubToken: string,
  receivedAt: number,
  origin: Exclude<TokenOrigin, 'minted'> = 'received',
): CozifyHubSession {
  return {
    vendor: VENDOR,
    kind: 'hub',
    account: hubAccount(email, hubId),
    hubId,
    hubToken,
    ...tokenTimes(hubToken, receivedAt, origin),
  };
}
