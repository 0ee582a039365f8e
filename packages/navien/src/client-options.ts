import type { ClientOptions } from '@tokenwise/auth-core/vendor';
import type { AuthTokens, AuthTokensDict } from './auth-tokens.js';
import type { LegalInfo } from './schemas.js';
import type { UserInfo } from './user-info.js';

/**
 * Options of {@link NavienAuthClient}: core's {@link ClientOptions} (`store`,
 * `fetch`, `timeoutMs`, `clock`, `maxBackOffMs`) plus Navien's own.
 */
export interface NavienAuthClientOptions extends ClientOptions {
  /**
   * Tokens saved earlier (an {@link AuthTokens}, or its `toDict()` / camelCase
   * API form). Valid ones are used with no network call; an expired JWT is
   * refreshed; expiring AWS credentials cause a sign-in.
   */
  storedTokens?: AuthTokens | AuthTokensDict | Readonly<Record<string, unknown>> | undefined;
  /**
   * REST base URL. Default: `TOKENWISE_NAVIEN_URL`, else
   * `https://nlus.naviensmartcontrol.com/api/v2.1`. (The AWS IoT endpoint is
   * the `url` option of `NavienMqttClient`: only that client talks to it.)
   */
  baseUrl?: string | undefined;
  /** Treat tokens and AWS credentials as expired this long before their deadlines. Default 300 000 ms. */
  expiryMarginMs?: number | undefined;
  /** User-Agent of REST calls. Default `tokenwise-navien/<version>`. */
  userAgent?: string | undefined;
  /** Where `NAVIEN_EMAIL`, `NAVIEN_PASSWORD` and `TOKENWISE_NAVIEN_URL` are read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** What {@link NavienAuthClient.signIn} returns. */
export interface AuthenticationResponse {
  userInfo: UserInfo;
  tokens: AuthTokens;
  /** Terms and privacy documents the account agreed to. */
  legal: LegalInfo[];
  /** The cloud's `msg`, normally `SUCCESS`. */
  message: string;
}

/** Temporary AWS credentials for AWS IoT, as {@link NavienAuthClient.getAwsCredentials} returns them. */
export interface NavienAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms when they stop working, when known. */
  expiresAt: number | undefined;
}
