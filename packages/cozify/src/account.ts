import {
  AuthorizedHttp,
  type CallOptions,
  type Clock,
  decodeJwtClaims,
  ErrorCodes,
  isTokenwiseError,
  NotFoundError,
  SessionManager,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import { AccountState } from './account-state.js';
import { createCloudStrategy } from './cloud-strategy.js';
import { CloudPaths, INTERACTIVE_LOGIN_TIMEOUT_MS, VENDOR } from './constants.js';
import { cozifyErrorMapper } from './errors.js';
import { CozifyHub } from './hub.js';
import type { LanDiscoveryOptions } from './hub-discovery.js';
import { createHubStrategy, hubSessionFromToken } from './hub-strategy.js';
import type { OtpProvider } from './otp.js';
import { type CozifyCloudSession, hubKeysSchema } from './schemas.js';

/** Settings shared by every account of one client. */
export interface AccountSettings {
  store: TokenStore;
  clock: Clock;
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  hubPort: number;
  otp: OtpProvider | undefined;
  timeoutMs: number | undefined;
  maxBackOffMs: number | undefined;
  /** The refresh window now (`undefined` when autorefresh is off); read at every check. */
  refreshWindowMs(): number | undefined;
  /** Runs before every hub call (the cloud token's refresh window, which LAN calls do not touch). */
  beforeHubCall(): Promise<void>;
}

/** A hub the cloud account can reach, as `user/hubkeys` describes it (never the key itself). */
export interface CloudHub {
  id: string;
  /** From the hub key's `hub_name` claim, when present. */
  name?: string;
}

/** What a refresh-window check did. */
export type RefreshOutcome =
  /** `refreshsession` gave a new token (here or, just before, in another process). */
  | 'refreshed'
  /** The token is valid and was renewed inside the window: no request was made. */
  | 'not-due'
  /** No valid token to renew (missing, expired or refused): only an OTP login helps. */
  | 'unavailable';

/** Options of {@link CozifyAccount.renewCloud}. */
export interface RenewCloudOptions {
  /** Renew even inside the window. */
  force?: boolean;
  /** This call's window; it can only narrow the strategy's (the manager renews at the earlier). */
  windowMs?: number;
  signal?: AbortSignal;
}

/**
 * Everything that belongs to one e-mail: the cloud-token manager, one manager
 * per hub, the cloud HTTP client and the hub bookkeeping. Rebuilt when the
 * client's e-mail changes, so two accounts never share a session.
 */
export class CozifyAccount {
  readonly email: string;
  readonly state: AccountState;
  readonly cloudManager: SessionManager<CozifyCloudSession>;
  readonly cloudHttp: AuthorizedHttp<CozifyCloudSession>;
  readonly discovery: LanDiscoveryOptions;
  readonly #settings: AccountSettings;
  readonly #hubs = new Map<string, CozifyHub>();

  constructor(email: string, settings: AccountSettings) {
    this.email = email;
    this.#settings = settings;
    this.state = new AccountState(settings.store, email);
    this.cloudManager = new SessionManager({
      strategy: createCloudStrategy({
        email,
        baseUrl: settings.baseUrl,
        fetch: settings.fetch,
        otp: settings.otp,
        refreshWindowMs: settings.refreshWindowMs,
      }),
      store: settings.store,
      clock: settings.clock,
      // An OTP login waits for a person reading e-mail: the shared renewal must wait that long.
      renewTimeoutMs: INTERACTIVE_LOGIN_TIMEOUT_MS,
      maxBackOffMs: settings.maxBackOffMs,
    });
    this.cloudHttp = new AuthorizedHttp({
      manager: this.cloudManager,
      baseUrl: settings.baseUrl,
      fetch: settings.fetch,
      timeoutMs: settings.timeoutMs,
      mapError: cozifyErrorMapper('cloud'),
    });
    this.discovery = { baseUrl: settings.baseUrl, fetch: settings.fetch, hubPort: settings.hubPort };
  }

  /** `GET user/hubkeys` with the cloud token (logging in if it must). */
  async hubKeys(signal?: AbortSignal): Promise<Record<string, string>> {
    return this.cloudHttp.json(CloudPaths.hubKeys, hubKeysSchema, signal ? { signal } : {});
  }

  /** Any authorized cloud call (`Cozify.request`). */
  async request(path: string, init?: CallOptions): Promise<Response> {
    return this.cloudHttp.request(path, init);
  }

  /** The hubs the cloud account can reach, without their keys. */
  async cloudHubs(signal?: AbortSignal): Promise<CloudHub[]> {
    return Object.entries(await this.hubKeys(signal)).map(([id, key]) => describeHubKey(id, key));
  }

  /**
   * Stores hub keys just received from `hubkeys`, so no hub needs its own
   * fetch. `setSession`, not `adopt`: the keys are the vendor's own answer in
   * this flow (what the hub strategy's login fetches too), so there is
   * nothing to check, and the cloud hands a key out again until it expires.
   */
  async storeHubKeys(keys: Record<string, string>): Promise<void> {
    const now = this.#settings.clock.now();
    for (const [hubId, key] of Object.entries(keys)) {
      await this.hub(hubId).manager.setSession(hubSessionFromToken(this.email, hubId, key, now));
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

  /**
   * python-cozify's refresh rule through the manager's one renewal: renew
   * the cloud token when the last renewal is older than the window (or with
   * `force`), only while it is valid, and never by an OTP login — a refused
   * refresh invalidates the token and reports `'unavailable'`. Other errors
   * (5xx, network) propagate and keep the token.
   */
  async renewCloud(options: RenewCloudOptions = {}): Promise<RefreshOutcome> {
    const seen = this.cloudManager.peek() ?? (await this.cloudManager.restore());
    if (seen === undefined) return 'unavailable';
    if (!options.force && this.#settings.clock.now() < this.#dueAt(seen, options.windowMs)) return 'not-due';
    try {
      await this.cloudManager.renew({ loginIfRefreshRefused: false, signal: options.signal });
      return 'refreshed';
    } catch (error) {
      if (!isTokenwiseError(error, ErrorCodes.TokenRefreshError)) throw error;
      this.cloudManager.invalidate(this.cloudManager.peek() ?? seen, 'refreshsession refused the token');
      return 'unavailable';
    }
  }

  /** The client of one hub (its key's manager is `hub.manager`). */
  hub(hubId: string): CozifyHub {
    const known = this.#hubs.get(hubId);
    if (known) return known;
    const relayBaseUrl = `${this.#settings.baseUrl}/hub/remote`;
    const strategy = createHubStrategy({
      email: this.email,
      hubId,
      relayBaseUrl,
      cloudToken: async (signal) => (await this.cloudManager.get(signal)).cloudToken,
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
      maxBackOffMs: this.#settings.maxBackOffMs,
    });
    const hub = new CozifyHub({
      hubId,
      state: this.state,
      manager,
      relayBaseUrl,
      discovery: this.discovery,
      clock: this.#settings.clock,
      timeoutMs: this.#settings.timeoutMs,
      beforeCall: () => this.#settings.beforeHubCall(),
    });
    this.#hubs.set(hubId, hub);
    return hub;
  }

  /** Stops every manager and waits for their store writes in flight (pending renewals still settle). */
  async close(): Promise<void> {
    await Promise.all([
      this.cloudManager.close(),
      ...[...this.#hubs.values()].map((hub) => hub.manager.close()),
    ]);
  }

  #dueAt(session: CozifyCloudSession, windowMs: number | undefined): number {
    const managerDue = this.cloudManager.renewalDueAt() ?? Number.POSITIVE_INFINITY;
    return windowMs === undefined ? managerDue : Math.min(managerDue, session.issuedAt + windowMs);
  }
}

/** A hub's id and name as its key's claims tell them (the key itself is not returned). */
export function describeHubKey(id: string, key: string): CloudHub {
  const claims = decodeJwtClaims(key);
  const name = claims?.hub_name ?? claims?.hubName;
  return typeof name === 'string' ? { id, name } : { id };
}
