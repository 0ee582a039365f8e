import {
  AuthorizedHttp,
  type Clock,
  decodeJwtClaims,
  NotFoundError,
  SessionManager,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import { AccountState } from './account-state.js';
import { type CloudStrategy, createCloudStrategy } from './cloud-strategy.js';
import { CloudPaths, INTERACTIVE_LOGIN_TIMEOUT_MS, VENDOR } from './constants.js';
import { cozifyErrorMapper } from './errors.js';
import { CozifyHub } from './hub.js';
import type { LanDiscoveryOptions } from './hub-discovery.js';
import { createHubStrategy, hubSessionFromToken, relayedHubStrategy } from './hub-strategy.js';
import type { OtpProvider } from './otp.js';
import { RefreshWindow } from './refresh-window.js';
import { type CozifyCloudSession, type CozifyHubSession, hubKeysSchema } from './schemas.js';

/** Settings shared by every account of one client. */
export interface AccountSettings {
  store: TokenStore;
  clock: Clock;
  cloudUrl: string;
  fetch: typeof globalThis.fetch;
  hubPort: number;
  otp: OtpProvider | undefined;
  /** Runs before every hub call (the client's refresh-window check). */
  beforeHubCall(): Promise<void>;
}

/** A hub the cloud account can reach, as `user/hubkeys` describes it (never the key itself). */
export interface CloudHub {
  id: string;
  /** From the hub key's `hub_name` claim, when present. */
  name?: string;
}

/**
 * Everything that belongs to one e-mail: the cloud-token manager, one manager
 * per hub, the cloud HTTP client and the hub bookkeeping. Rebuilt when the
 * client's e-mail changes, so two accounts never share a session.
 */
export class CozifyAccount {
  readonly email: string;
  readonly state: AccountState;
  readonly cloudStrategy: CloudStrategy;
  readonly cloudManager: SessionManager<CozifyCloudSession>;
  readonly cloudHttp: AuthorizedHttp<CozifyCloudSession>;
  readonly window: RefreshWindow;
  readonly discovery: LanDiscoveryOptions;
  readonly #settings: AccountSettings;
  readonly #hubs = new Map<string, { manager: SessionManager<CozifyHubSession>; hub: CozifyHub }>();

  constructor(email: string, settings: AccountSettings) {
    this.email = email;
    this.#settings = settings;
    this.state = new AccountState(settings.store, email);
    this.cloudStrategy = createCloudStrategy({
      email,
      cloudUrl: settings.cloudUrl,
      fetch: settings.fetch,
      otp: settings.otp,
    });
    this.cloudManager = new SessionManager({
      strategy: this.cloudStrategy,
      store: settings.store,
      clock: settings.clock,
      renewTimeoutMs: INTERACTIVE_LOGIN_TIMEOUT_MS,
    });
    this.cloudHttp = new AuthorizedHttp({
      manager: this.cloudManager,
      strategy: this.cloudStrategy,
      baseUrl: settings.cloudUrl,
      fetch: settings.fetch,
      mapError: cozifyErrorMapper('cloud'),
    });
    this.window = new RefreshWindow(this.cloudManager, this.cloudStrategy, settings.store, settings.clock);
    this.discovery = { cloudUrl: settings.cloudUrl, fetch: settings.fetch, hubPort: settings.hubPort };
  }

  /** `GET user/hubkeys` with the cloud token (logging in if it must). */
  async hubKeys(signal?: AbortSignal): Promise<Record<string, string>> {
    return this.cloudHttp.json(CloudPaths.hubKeys, hubKeysSchema, signal ? { signal } : {});
  }

  /** The hubs the cloud account can reach, without their keys. */
  async cloudHubs(signal?: AbortSignal): Promise<CloudHub[]> {
    return Object.entries(await this.hubKeys(signal)).map(([id, key]) => describeHubKey(id, key));
  }

  /** Stores hub keys just received from `hubkeys`, so no hub needs its own fetch. */
  async storeHubKeys(keys: Record<string, string>): Promise<void> {
    const now = this.#settings.clock.now();
    for (const [hubId, key] of Object.entries(keys)) {
      await this.hubManager(hubId).setSession(hubSessionFromToken(this.email, hubId, key, now));
    }
  }

  /**
   * Forces an OTP login now (`authenticate({ trustCloud: false })`). Through
   * the manager, so it is shared with concurrent callers, honours a stored
   * 429 back-off, and replaces the stored token only once the login
   * succeeded (a failed one leaves the current token in use).
   */
  async login(signal?: AbortSignal): Promise<CozifyCloudSession> {
    // Loaded first: renew() replaces the *current* token, and adopts any other valid one it finds stored.
    await this.cloudManager.restore();
    return this.cloudManager.renew({ login: true, signal });
  }

  /** The session manager of one hub's token. */
  hubManager(hubId: string): SessionManager<CozifyHubSession> {
    return this.#hub(hubId).manager;
  }

  /** The client of one hub. */
  hub(hubId: string): CozifyHub {
    return this.#hub(hubId).hub;
  }

  /** Stops every manager and waits for their store writes in flight (pending renewals still settle). */
  async close(): Promise<void> {
    await Promise.all([
      this.cloudManager.close(),
      ...[...this.#hubs.values()].map(({ manager }) => manager.close()),
    ]);
  }

  #hub(hubId: string): { manager: SessionManager<CozifyHubSession>; hub: CozifyHub } {
    const known = this.#hubs.get(hubId);
    if (known) return known;
    const strategy = createHubStrategy({
      email: this.email,
      hubId,
      fetchHubToken: async (id, signal) => {
        const key = (await this.hubKeys(signal))[id];
        if (key === undefined) {
          throw new NotFoundError(`The Cozify account has no access to hub ${id} any more`, {
            status: 404,
            vendor: VENDOR,
          });
        }
        return key;
      },
    });
    const manager = new SessionManager({
      strategy,
      store: this.#settings.store,
      clock: this.#settings.clock,
    });
    const hub = new CozifyHub({
      hubId,
      state: this.state,
      manager,
      strategy,
      relayed: relayedHubStrategy(strategy, this.cloudManager, (s) => s.cloudToken),
      cloudUrl: this.#settings.cloudUrl,
      discovery: this.discovery,
      clock: this.#settings.clock,
      beforeCall: () => this.#settings.beforeHubCall(),
    });
    const entry = { manager, hub };
    this.#hubs.set(hubId, entry);
    return entry;
  }
}

/** A hub's id and name as its key's claims tell them (the key itself is not returned). */
export function describeHubKey(id: string, key: string): CloudHub {
  const claims = decodeJwtClaims(key);
  const name = claims?.hub_name ?? claims?.hubName;
  return typeof name === 'string' ? { id, name } : { id };
}
