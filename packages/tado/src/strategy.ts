import {
  type AuthContext,
  type AuthStrategy,
  ConfigurationError,
  checkBaseUrl,
  checkFetchOption,
  checkFunctionOption,
  checkOptionsObject,
  checkStringOption,
  checkTimeoutOption,
  MemoryStore,
  type OptionKeys,
  type RequestParts,
  TokenRefreshError,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { REFRESH_MARGIN_MS, VENDOR } from './constants.js';
import type { DeviceCodeHandler } from './device-code.js';
import { deviceLogin } from './device-login.js';
import { TadoLoginRequiredError } from './errors.js';
import { type OAuthCallContext, type OAuthEndpoints, refreshTokens } from './oauth-endpoints.js';
import { RefusedTokens } from './refused-tokens.js';
import { type TadoSession, tadoSessionSchema } from './schemas.js';
import { sessionFromTokens } from './token-session.js';

/** Options of {@link TadoStrategy}. */
export interface TadoStrategyOptions {
  /** The auth server base, e.g. `https://login.tado.com`. */
  authUrl: string;
  /** Store key identity. */
  account: string;
  /** Shows the device code to a person; without it a login fails at once with `TadoLoginRequiredError`. */
  onDeviceCode?: DeviceCodeHandler | undefined;
  /**
   * The store the session manager uses (read when first needed): refused
   * refresh tokens are remembered there, as fingerprints. Default: memory only.
   */
  store?: (() => TokenStore) | undefined;
  /** The fetch the OAuth calls go through. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Timeout of each OAuth call (headers and body), ms. Default 30 s. */
  timeoutMs?: number | undefined;
}

const STRATEGY_OPTION_KEYS = {
  authUrl: true,
  account: true,
  onDeviceCode: true,
  store: true,
  fetch: true,
  timeoutMs: true,
} as const satisfies OptionKeys<TadoStrategyOptions>;

/**
 * tado's OAuth: the device authorization grant to log in (a person approves a
 * code), single-use refresh tokens to renew, `Authorization: Bearer` on data
 * calls. The session manager's store lock makes each refresh token spent once
 * across every instance, process and host sharing the store, and stores the
 * rotated pair before the new access token is handed out.
 */
export class TadoStrategy implements AuthStrategy<TadoSession> {
  /** Vendor name (`'tado'`); first half of the store key. */
  readonly vendor = VENDOR;
  /** Account identity; second half of the store key. */
  readonly account: string;
  /** Validates a session read back from a store; a mismatch is treated as "no session". */
  readonly schema: z.ZodType<TadoSession> = tadoSessionSchema;
  /** my.tado.com signals a rejected token only with 401. */
  readonly authFailureOnlyOnErrorStatus = true;
  /** Renew 30 s before `expiresAt`: the access token lives only 10 minutes. */
  readonly refreshMarginMs = REFRESH_MARGIN_MS;

  readonly #endpoints: OAuthEndpoints;
  readonly #onDeviceCode: DeviceCodeHandler | undefined;
  #oneTimeHandler: DeviceCodeHandler | undefined;
  // Refresh tokens tado refused: never sent a second time by anyone sharing the store (no loop).
  readonly #refused: RefusedTokens;

  /** Builds the strategy; it does no I/O until the session manager asks it to. */
  constructor(options: TadoStrategyOptions) {
    const owner = 'TadoStrategy';
    const name = (option: string) => `${owner} option \`${option}\``;
    if (options === undefined) throw new ConfigurationError(`${owner} needs options`, { vendor: VENDOR });
    const checked = checkOptionsObject(options, owner, STRATEGY_OPTION_KEYS, VENDOR);
    if (checked.authUrl === undefined) {
      throw new ConfigurationError(`${owner} needs \`authUrl\``, { vendor: VENDOR });
    }
    const account = checkStringOption(checked.account, name('account'), VENDOR);
    if (account === undefined) throw new ConfigurationError(`${owner} needs \`account\``, { vendor: VENDOR });
    this.account = account;
    checkFunctionOption(checked.onDeviceCode, name('onDeviceCode'), VENDOR);
    this.#onDeviceCode = checked.onDeviceCode as DeviceCodeHandler | undefined;
    const fetch = checkFetchOption(checked.fetch, name('fetch'), VENDOR);
    checkFunctionOption(checked.store, name('store'), VENDOR);
    const memory = new MemoryStore();
    const store = (checked.store as (() => TokenStore) | undefined) ?? (() => memory);
    this.#refused = new RefusedTokens(store, account);
    this.#endpoints = {
      authUrl: checkBaseUrl(checked.authUrl, name('authUrl'), VENDOR),
      fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: checkTimeoutOption(checked.timeoutMs, name('timeoutMs'), VENDOR),
    };
  }

  /** True when a login can show a device code to someone. */
  get canLogin(): boolean {
    return this.#onDeviceCode !== undefined || this.#oneTimeHandler !== undefined;
  }

  /**
   * Runs `task` (a forced login through the manager) with `handler` announcing
   * the device code instead of the `onDeviceCode` option.
   */
  async withDeviceCodeHandler<T>(handler: DeviceCodeHandler | undefined, task: () => Promise<T>): Promise<T> {
    if (handler === undefined) return task();
    this.#oneTimeHandler = handler;
    try {
      return await task();
    } finally {
      this.#oneTimeHandler = undefined;
    }
  }

  /**
   * The device login. Without a handler it fails at once: a program with no
   * person at hand must get a stored session, not wait for an approval.
   */
  async login(context: AuthContext<TadoSession>): Promise<TadoSession> {
    const announce = this.#oneTimeHandler ?? this.#onDeviceCode;
    if (announce === undefined) throw new TadoLoginRequiredError();
    const tokens = await deviceLogin(this.#endpoints, announce, callContext(context));
    return sessionFromTokens(this.account, tokens, context.clock.now());
  }

  /**
   * Spends the single-use refresh token for a new pair. Called by the manager
   * under the store lock after re-reading the store, so no other holder can
   * spend the same token; the manager stores the result before using it.
   */
  async refresh(session: TadoSession, context: AuthContext<TadoSession>): Promise<TadoSession> {
    const now = context.clock.now();
    if (await this.#refused.has(session.refreshToken)) {
      throw new TokenRefreshError(
        'tado already refused this refresh token: log in again with `tokenwise login tado`',
        {
          vendor: VENDOR,
        },
      );
    }
    if (session.refreshExpiresAt !== undefined && session.refreshExpiresAt <= now) {
      throw new TokenRefreshError('The tado refresh token is past its 30 days', { vendor: VENDOR });
    }
    try {
      const tokens = await refreshTokens(this.#endpoints, session.refreshToken, callContext(context));
      return sessionFromTokens(this.account, tokens, context.clock.now());
    } catch (error) {
      if (error instanceof TokenRefreshError) await this.#refused.add(session.refreshToken);
      throw error;
    }
  }

  /** Sends the access token as `Authorization: Bearer`, on every attempt. */
  authorize(parts: RequestParts, session: TadoSession): void {
    parts.headers.set('authorization', `Bearer ${session.accessToken}`);
  }

  /** Only a 401 means the token is refused; 403 `accessDenied` is about the home, not the token. */
  isAuthFailure(response: Response): boolean {
    return response.status === 401;
  }

  /** Worth keeping as long as the refresh token lives, not only the 10-minute access token. */
  storeExpiresAt(session: TadoSession): number | undefined {
    return session.refreshExpiresAt;
  }

  /** The access token: the credential compared when a rejected session is invalidated. */
  token(session: TadoSession): string {
    return session.accessToken;
  }
}

function callContext(context: Pick<AuthContext, 'signal' | 'clock'>): OAuthCallContext {
  return { signal: context.signal, now: () => context.clock.now() };
}
