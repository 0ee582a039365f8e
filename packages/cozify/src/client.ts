import {
  type CallOptions,
  ClientLifecycle,
  type Clock,
  checkClientOptions,
  checkDurationOption,
  checkEmailOption,
  checkFunctionOption,
  ErrorCodes,
  isTokenwiseError,
  MemoryStore,
  requestJson,
  resolveBaseUrl,
  type SessionManager,
  systemClock,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import { type CloudHub, CozifyAccount, describeHubKey, type RefreshOutcome } from './account.js';
import { clearAccountPointer, readAccountPointer, writeAccountPointer } from './account-state.js';
import {
  CLOUD_CALL_TIMEOUT_MS,
  CloudPaths,
  DEFAULT_CLOUD_URL,
  DEFAULT_REFRESH_WINDOW_MS,
  HUB_LAN_PORT,
  VENDOR,
} from './constants.js';
import { cozifyErrorMapper } from './errors.js';
import type { CozifyHub } from './hub.js';
import { discoverLanHubs } from './hub-discovery.js';
import { importedCloudSession } from './imported-session.js';
import {
  type AuthenticateOptions,
  COZIFY_OPTION_KEYS,
  type CozifyHubSummary,
  type CozifyOptions,
  checkMethodOptions,
  configError,
  type DiscoverHubsOptions,
  flag,
  METHOD_OPTION_KEYS,
  type PingOptions,
  type RefreshOptions,
  resolveHubPort,
  type TokenOptions,
} from './options.js';
import type { OtpProvider } from './otp.js';
import { canPrompt, promptLine } from './prompt.js';
import { importPythonState, type PythonImportResult, readPythonCozifyState } from './python-import.js';
import { defaultPythonCozifyStatePath } from './python-state.js';
import {
  type CozifyCloudSession,
  type CozifyHubSession,
  type CozifyHubState,
  hubKeysSchema,
} from './schemas.js';

/**
 * A Cozify account: the cloud token (OTP login by e-mail, renewed inside its
 * refresh window, 28-day life) and a token per hub (fetched with the cloud
 * token, never with an OTP). Lazy: constructing does no I/O. Everything is
 * kept in `store`, shared by every process that uses the same store.
 */
export class Cozify {
  /** The refresh window, ms: renew the cloud token when the last renewal is older (python's `token_expiry`). */
  tokenExpiryMs: number;
  /** The cloud base every call goes to (resolved: option, `TOKENWISE_COZIFY_URL`, default). */
  readonly baseUrl: string;
  readonly #store: TokenStore;
  readonly #clock: Clock;
  readonly #fetch: typeof globalThis.fetch;
  readonly #hubPort: number;
  readonly #otp: OtpProvider | undefined;
  readonly #autorefresh: boolean;
  readonly #timeoutMs: number | undefined;
  readonly #maxBackOffMs: number | undefined;
  readonly #lifecycle = new ClientLifecycle('Cozify', VENDOR);
  #email: string | undefined;
  #account: CozifyAccount | undefined;

  constructor(options: CozifyOptions = {}) {
    const given = checkClientOptions(options, 'Cozify', COZIFY_OPTION_KEYS, VENDOR);
    const name = (option: string) => `Cozify option \`${option}\``;
    this.#email = checkEmailOption(given.email, name('email'), VENDOR);
    checkFunctionOption(given.otp, name('otp'), VENDOR);
    this.baseUrl = resolveBaseUrl({
      vendor: VENDOR,
      option: given.baseUrl,
      optionName: name('baseUrl'),
      defaultUrl: DEFAULT_CLOUD_URL,
    });
    this.#hubPort = resolveHubPort(given.hubPort, HUB_LAN_PORT);
    // A null is refused by the check, not taken to mean "the default".
    this.tokenExpiryMs =
      checkDurationOption(given.tokenExpiryMs, name('tokenExpiryMs'), VENDOR) ?? DEFAULT_REFRESH_WINDOW_MS;
    this.#autorefresh = flag(given.autorefresh, 'Cozify', 'autorefresh', true);
    this.#store = options.store ?? new MemoryStore();
    this.#clock = options.clock ?? systemClock;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#otp = options.otp;
    this.#timeoutMs = options.timeoutMs;
    this.#maxBackOffMs = options.maxBackOffMs;
    // Known now: `manager` is there from the start (no I/O, the store is read on first use).
    if (this.#email !== undefined) this.#accountFor(this.#email);
  }

  /**
   * The cloud token's session manager, for its events (`login`, `refresh`,
   * ...) and stats; hubs have their own (`hub.manager`). A `ConfigurationError`
   * until the account is known: pass `email`, or call `email()` or
   * `authenticate()` first (they read the store's last account).
   */
  get manager(): SessionManager<CozifyCloudSession> {
    this.#lifecycle.assertOpen();
    if (this.#account === undefined) {
      throw configError(
        'No Cozify account yet: pass `email` to new Cozify(...), or await client.email() first',
      );
    }
    return this.#account.cloudManager;
  }

  /**
   * The account's e-mail, or sets a new one (switching account: tokens of the
   * old one stay stored). Without an e-mail option, the last one used with the
   * store is returned.
   */
  async email(newEmail?: string): Promise<string | undefined> {
    this.#lifecycle.assertOpen();
    if (newEmail !== undefined) {
      const email = checkEmailOption(newEmail, 'email(newEmail): `newEmail`', VENDOR) ?? newEmail;
      if (email !== this.#email) {
        await this.#account?.close();
        this.#account = undefined;
        this.#email = email;
        this.#accountFor(email);
      }
      await writeAccountPointer(this.#store, email);
      return email;
    }
    if (this.#email === undefined) {
      this.#email = await readAccountPointer(this.#store);
      if (this.#email !== undefined) this.#accountFor(this.#email);
    }
    return this.#email;
  }

  /**
   * The stored cloud token, when a valid one exists (a credential: handle it
   * like a password). With `newToken`, stores a token obtained elsewhere
   * instead (another tool, a backup) and returns it; it must be a JWT, since
   * a bad token means an OTP login on the next call. `{ commit: false }`
   * keeps it in this instance only, leaving the store as it was.
   */
  async token(newToken?: string, tokenOptions?: TokenOptions): Promise<string | undefined> {
    const method = 'token(newToken, options)';
    const options = checkMethodOptions(tokenOptions, method, METHOD_OPTION_KEYS.token);
    const commit = flag(options.commit, method, 'commit', true);
    if (newToken !== undefined) {
      const account = await this.#requireAccount();
      const now = this.#clock.now();
      const session = importedCloudSession(account.email, newToken, now);
      // Storing a dead token would replace a working one and force an OTP login on the next call.
      if (session.expiresAt !== undefined && session.expiresAt <= now) {
        throw configError('token(newToken): the Cozify cloud token given has already expired (its `exp`)');
      }
      await account.cloudManager.setSession(session, { persist: commit });
      return newToken;
    }
    const account = await this.#accountIfKnown();
    if (!account) return undefined;
    const session = account.cloudManager.peek() ?? (await account.cloudManager.restore());
    return session?.cloudToken;
  }

  /**
   * Makes sure a cloud token and hub keys are at hand, doing only the steps
   * that are needed: an OTP login only when no stored token answers, a hub-key
   * fetch only when the default hub's key is missing or refused. Resolves
   * `true`, or rejects with a typed error (`OtpRequiredError` when a login is
   * needed and neither an `otp` provider nor a terminal is available).
   */
  async authenticate(authenticateOptions?: AuthenticateOptions): Promise<true> {
    const method = 'authenticate(options)';
    const options = checkMethodOptions(authenticateOptions, method, METHOD_OPTION_KEYS.authenticate);
    const autorefresh = flag(options.autorefresh, method, 'autorefresh', true);
    const trustCloud = flag(options.trustCloud, method, 'trustCloud', true);
    const trustHub = flag(options.trustHub, method, 'trustHub', true);
    const remote = flag(options.remote, method, 'remote', false);
    const autoremote = flag(options.autoremote, method, 'autoremote', true);
    const expiryMs = this.#window(options.expiryMs, method);
    const account = await this.#requireAccount(true);
    if (!trustCloud) await account.login(options.signal);
    else if (!(await this.ping({ autorefresh, expiryMs }))) await account.cloudManager.get(options.signal);
    if (await this.#hubsNeedKeys(account, trustHub)) {
      await this.discoverHubs({
        remote,
        autoremote,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    // Later clients on this store find the account without an `email` option.
    await writeAccountPointer(this.#store, account.email);
    return true;
  }

  /**
   * Checks the stored cloud token with the cloud (`hubkeys`, as python-cozify
   * does). `false` when it is missing, expired or refused; never logs in.
   * When it answers and `autorefresh` is on, applies the refresh window.
   */
  async ping(pingOptions?: PingOptions): Promise<boolean> {
    const method = 'ping(options)';
    const options = checkMethodOptions(pingOptions, method, METHOD_OPTION_KEYS.ping);
    const autorefresh = flag(options.autorefresh, method, 'autorefresh', true);
    const expiryMs = this.#window(options.expiryMs, method);
    const account = await this.#accountIfKnown();
    if (!account) return false;
    const session = account.cloudManager.peek() ?? (await account.cloudManager.restore());
    if (!session) return false;
    try {
      await requestJson({
        fetch: this.#fetch,
        url: `${this.baseUrl}/${CloudPaths.hubKeys}`,
        headers: { authorization: session.cloudToken },
        schema: hubKeysSchema,
        vendor: VENDOR,
        what: 'token check (hubkeys)',
        mapError: cozifyErrorMapper('cloud'),
        signal: AbortSignal.timeout(this.#timeoutMs ?? CLOUD_CALL_TIMEOUT_MS),
        now: () => this.#clock.now(),
      });
    } catch (error) {
      if (!isTokenwiseError(error, ErrorCodes.TokenExpiredError)) throw error;
      account.cloudManager.invalidate(session, 'hubkeys refused the cloud token');
      return false;
    }
    if (autorefresh) await this.refresh({ expiryMs });
    return true;
  }

  /**
   * Renews the cloud token when the last renewal is older than `expiryMs`
   * (or with `force`), and only while it is valid: the session manager's
   * one renewal, shared with every caller and process on the store. `true`
   * when a valid token is held afterwards (renewed or not yet due: no request
   * is made inside the window); `false` when it cannot be renewed (missing,
   * expired, refused — a refused token is dropped): then only an OTP login
   * (`authenticate()`) helps. A 5xx or network error is thrown and the
   * token kept.
   */
  async refresh(refreshOptions?: RefreshOptions): Promise<boolean> {
    return (await this.#refresh(refreshOptions)) !== 'unavailable';
  }

  /** Forgets the cloud token and the remembered e-mail; hub keys and hub state are kept. */
  async resetState(): Promise<void> {
    const account = await this.#accountIfKnown();
    if (account) await account.cloudManager.clear();
    if (account) await clearAccountPointer(this.#store, account.email);
  }

  /** The hubs this account knows (from the store: no request). */
  async hubs(): Promise<CozifyHubSummary[]> {
    const account = await this.#accountIfKnown();
    if (!account) return [];
    const state = await account.state.read();
    return Object.values(state.hubs).map((hub) => ({ ...hub, isDefault: hub.id === state.defaultHub }));
  }

  /** The hubs the cloud account can reach right now (`hubkeys`; ids and names, never keys). */
  async cloudHubs(signal?: AbortSignal): Promise<CloudHub[]> {
    const account = await this.#requireAccount();
    return account.cloudHubs(signal);
  }

  /**
   * Fetches every hub key with the cloud token, finds which hubs answer on
   * this LAN (`lan_ip`, then each address's `/hub`), and stores it all; the
   * first hub becomes the default when there is none.
   */
  async discoverHubs(discoverOptions?: DiscoverHubsOptions): Promise<CozifyHubSummary[]> {
    const method = 'discoverHubs(options)';
    const options = checkMethodOptions(discoverOptions, method, METHOD_OPTION_KEYS.discoverHubs);
    const remote = flag(options.remote, method, 'remote', false);
    const autoremote = flag(options.autoremote, method, 'autoremote', true);
    const account = await this.#requireAccount();
    const keys = await account.hubKeys(options.signal);
    await account.storeHubKeys(keys);
    const lan = remote ? new Map() : await discoverLanHubs(account.discovery);
    const described = await Promise.all(
      Object.entries(keys).map(async ([id, key]) => {
        const local = lan.get(id);
        if (local) return { id, name: local.name, host: local.ip };
        // Not on this LAN: the relay still tells its name (best effort, the hub may be offline).
        const info = await account
          .hub(id)
          .remoteInfo(options.signal)
          .catch(() => undefined);
        return { id, name: info?.name ?? describeHubKey(id, key).name, host: undefined };
      }),
    );
    await account.state.update((state) => {
      for (const { id, name, host } of described) {
        const hub: CozifyHubState = { id, remote, autoremote };
        if (name !== undefined) hub.name = name;
        if (host !== undefined) hub.host = host;
        state.hubs[id] = hub;
      }
      if (state.defaultHub === undefined || state.hubs[state.defaultHub] === undefined) {
        const first = described[0];
        if (first) state.defaultHub = first.id;
      }
    });
    await writeAccountPointer(this.#store, account.email);
    return this.hubs();
  }

  /** A hub by id or name; the default hub without an argument. */
  async hub(idOrName?: string): Promise<CozifyHub> {
    const account = await this.#requireAccount();
    const state = await account.state.read();
    const wanted = idOrName ?? state.defaultHub;
    if (wanted === undefined) {
      throw configError('No default Cozify hub yet: run authenticate() or discoverHubs() first');
    }
    const match =
      state.hubs[wanted] ??
      Object.values(state.hubs).find((hub) => hub.name !== undefined && hub.name === wanted);
    if (!match)
      throw configError(`Unknown Cozify hub "${wanted}": run discoverHubs() to learn the account's hubs`);
    return account.hub(match.id);
  }

  /**
   * Takes over a python-cozify state file (`~/.config/python-cozify/python-cozify.cfg`
   * by default) so users can move without a new OTP login. A valid token
   * already in the store is kept, never overwritten.
   */
  async importPythonCozifyState(path: string = defaultPythonCozifyStatePath()): Promise<PythonImportResult> {
    const imported = await readPythonCozifyState(path);
    const email = (await this.email()) ?? imported.email;
    if (email === undefined)
      throw configError(`${path} has no [Cloud] email and no \`email\` option was given`);
    if (imported.email !== undefined && imported.email !== email) {
      throw configError(`${path} belongs to another Cozify account than this client's \`email\``);
    }
    await this.email(email);
    return importPythonState(await this.#requireAccount(), imported, this.#clock.now());
  }

  /**
   * An authorized call to any cloud endpoint this SDK does not wrap (a path
   * under {@link Cozify.baseUrl}): the cloud token is added, renewed once
   * and the call replayed when the cloud rejects it; failures are typed
   * errors. The body is already read and can be read once.
   */
  async request(path: string, init?: CallOptions): Promise<Response> {
    const account = await this.#requireAccount();
    return account.request(path, init);
  }

  /** The cloud token's session manager once the account is known (read from the store if need be). */
  async cloudSessionManager(): Promise<SessionManager<CozifyCloudSession>> {
    return (await this.#requireAccount()).cloudManager;
  }

  /** One hub key's session manager, for its events and stats (the same as `hub.manager`). */
  async hubSessionManager(hubId: string): Promise<SessionManager<CozifyHubSession>> {
    if (typeof hubId !== 'string' || hubId.trim() === '') {
      throw configError('hubSessionManager(hubId): `hubId` must be a non-empty string');
    }
    return (await this.#requireAccount()).hub(hubId).manager;
  }

  /**
   * Stops the session managers and waits for their store writes. Idempotent;
   * the store is left as it is. Every call afterwards fails with `ClientClosedError`.
   */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.#account?.close());
  }

  /** Same as {@link Cozify.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #hubsNeedKeys(account: CozifyAccount, trustHub: boolean): Promise<boolean> {
    if (!trustHub) return true;
    const state = await account.state.read();
    if (state.defaultHub === undefined || !state.hubs[state.defaultHub]) return true;
    if (!(await account.hub(state.defaultHub).manager.restore())) return true;
    return !(await account.hub(state.defaultHub).ping());
  }

  async #refresh(refreshOptions: RefreshOptions | undefined): Promise<RefreshOutcome> {
    const method = 'refresh(options)';
    const options = checkMethodOptions(refreshOptions, method, METHOD_OPTION_KEYS.refresh);
    const force = flag(options.force, method, 'force', false);
    const windowMs = this.#window(options.expiryMs, method);
    const account = await this.#accountIfKnown();
    if (!account) return 'unavailable';
    return account.renewCloud({ windowMs, force });
  }

  /** A call's refresh window: its `expiryMs`, else the client's. */
  #window(expiryMs: unknown, method: string): number {
    return checkDurationOption(expiryMs, `${method} option \`expiryMs\``, VENDOR) ?? this.tokenExpiryMs;
  }

  /**
   * Before a hub call: the cloud token's refresh window, which LAN calls
   * never reach through the manager. Best effort: a cloud hiccup must not
   * fail a hub call, and a refused refresh must not turn into an OTP login here.
   */
  async #beforeHubCall(account: CozifyAccount): Promise<void> {
    if (!this.#autorefresh) return;
    try {
      await account.renewCloud();
    } catch (error) {
      if (!isTokenwiseError(error)) throw error;
    }
  }

  async #accountIfKnown(): Promise<CozifyAccount | undefined> {
    const email = await this.email();
    return email === undefined ? undefined : this.#accountFor(email);
  }

  async #requireAccount(mayPrompt = false): Promise<CozifyAccount> {
    let email = await this.email();
    if (email === undefined && mayPrompt && canPrompt()) {
      email = await this.email(await promptLine('Enter your Cozify account email address: '));
    }
    if (email === undefined) {
      throw configError('No Cozify account: pass `email` to new Cozify(...) (or run once on a terminal)');
    }
    return this.#accountFor(email);
  }

  #accountFor(email: string): CozifyAccount {
    this.#lifecycle.assertOpen();
    if (this.#account?.email !== email) {
      const account: CozifyAccount = new CozifyAccount(email, {
        store: this.#store,
        clock: this.#clock,
        baseUrl: this.baseUrl,
        fetch: this.#fetch,
        hubPort: this.#hubPort,
        otp: this.#otp,
        timeoutMs: this.#timeoutMs,
        maxBackOffMs: this.#maxBackOffMs,
        refreshWindowMs: () => (this.#autorefresh ? this.tokenExpiryMs : undefined),
        beforeHubCall: () => this.#beforeHubCall(account),
      });
      this.#account = account;
    }
    return this.#account;
  }
}
