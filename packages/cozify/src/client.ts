import {
  type Clock,
  checkOptionsObject,
  ErrorCodes,
  isTokenwiseError,
  MemoryStore,
  requestJson,
  type SessionManager,
  systemClock,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import { type CloudHub, CozifyAccount, describeHubKey } from './account.js';
import { readAccountPointer, writeAccountPointer } from './account-state.js';
import {
  CLOUD_CALL_TIMEOUT_MS,
  CLOUD_URL_ENV,
  CloudPaths,
  DEFAULT_CLOUD_URL,
  DEFAULT_REFRESH_WINDOW_MS,
  HUB_LAN_PORT,
  HUB_PORT_ENV,
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
  checkDuration,
  checkEmail,
  checkFlag,
  checkOptions,
  checkUrl,
  configError,
  type DiscoverHubsOptions,
  METHOD_OPTION_KEYS,
  type PingOptions,
  type RefreshOptions,
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
  readonly #store: TokenStore;
  readonly #clock: Clock;
  readonly #fetch: typeof globalThis.fetch;
  readonly #cloudUrl: string;
  readonly #hubPort: number;
  readonly #otp: OtpProvider | undefined;
  readonly #autorefresh: boolean;
  #email: string | undefined;
  #account: CozifyAccount | undefined;
  #closed = false;

  constructor(options: CozifyOptions = {}) {
    checkOptionsObject(options, 'Cozify', COZIFY_OPTION_KEYS, VENDOR);
    if (options.email !== undefined) this.#email = checkEmail(options.email, 'email');
    if (options.otp !== undefined && typeof options.otp !== 'function') {
      throw configError('new Cozify(options): `otp` must be a function returning the code');
    }
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw configError('new Cozify(options): `fetch` must be a fetch function');
    }
    // `!== undefined`, not `??`: a null cloudUrl must be refused, not mean "the production cloud".
    this.#cloudUrl = checkUrl(
      options.cloudUrl !== undefined ? options.cloudUrl : (process.env[CLOUD_URL_ENV] ?? DEFAULT_CLOUD_URL),
    );
    const envPort = process.env[HUB_PORT_ENV];
    this.#hubPort =
      options.hubPort !== undefined ? options.hubPort : envPort ? Number(envPort) : HUB_LAN_PORT;
    if (!Number.isInteger(this.#hubPort) || this.#hubPort < 1 || this.#hubPort > 65_535) {
      throw configError(`new Cozify(options): \`hubPort\` (or ${HUB_PORT_ENV}) must be a TCP port number`);
    }
    this.tokenExpiryMs = checkDuration(
      options.tokenExpiryMs !== undefined ? options.tokenExpiryMs : DEFAULT_REFRESH_WINDOW_MS,
      'tokenExpiryMs',
    );
    if (options.store !== undefined && !isStore(options.store)) {
      throw configError('new Cozify(options): `store` must be a TokenStore (MemoryStore, FileStore, ...)');
    }
    if (options.clock !== undefined && typeof options.clock?.now !== 'function') {
      throw configError('new Cozify(options): `clock` must have a now() method');
    }
    this.#store = options.store ?? new MemoryStore();
    this.#clock = options.clock ?? systemClock;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#otp = options.otp;
    this.#autorefresh = checkFlag(options.autorefresh, 'autorefresh', true);
  }

  /**
   * The account's e-mail, or sets a new one (switching account: tokens of the
   * old one stay stored). Without an e-mail option, the last one used with the
   * store is returned.
   */
  async email(newEmail?: string): Promise<string | undefined> {
    if (newEmail !== undefined) {
      const email = checkEmail(newEmail, 'newEmail');
      if (email !== this.#email) {
        await this.#account?.close();
        this.#account = undefined;
        this.#email = email;
      }
      await writeAccountPointer(this.#store, email);
      return email;
    }
    this.#email ??= await readAccountPointer(this.#store);
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
    const options = checkOptions(tokenOptions, 'token(newToken, options)', METHOD_OPTION_KEYS.token);
    const commit = checkFlag(options.commit, 'commit', true);
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
    const options = checkOptions(
      authenticateOptions,
      'authenticate(options)',
      METHOD_OPTION_KEYS.authenticate,
    );
    const autorefresh = checkFlag(options.autorefresh, 'autorefresh', true);
    const trustCloud = checkFlag(options.trustCloud, 'trustCloud', true);
    const trustHub = checkFlag(options.trustHub, 'trustHub', true);
    const remote = checkFlag(options.remote, 'remote', false);
    const autoremote = checkFlag(options.autoremote, 'autoremote', true);
    const expiryMs = checkDuration(options.expiryMs ?? this.tokenExpiryMs, 'expiryMs');
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
    const options = checkOptions(pingOptions, 'ping(options)', METHOD_OPTION_KEYS.ping);
    const autorefresh = checkFlag(options.autorefresh, 'autorefresh', true);
    const expiryMs = checkDuration(options.expiryMs ?? this.tokenExpiryMs, 'expiryMs');
    const account = await this.#accountIfKnown();
    if (!account) return false;
    const session = account.cloudManager.peek() ?? (await account.cloudManager.restore());
    if (!session) return false;
    try {
      await requestJson({
        fetch: this.#fetch,
        url: `${this.#cloudUrl}/${CloudPaths.hubKeys}`,
        headers: { authorization: session.cloudToken },
        schema: hubKeysSchema,
        vendor: VENDOR,
        what: 'token check (hubkeys)',
        mapError: cozifyErrorMapper('cloud'),
        signal: AbortSignal.timeout(CLOUD_CALL_TIMEOUT_MS),
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
   * (or with `force`), and only while it is valid. `true` when a valid token
   * is held afterwards (renewed or not yet due: no request is made inside the
   * window); `false` when it cannot be renewed (missing, expired, refused):
   * then only an OTP login (`authenticate()`) helps.
   */
  async refresh(refreshOptions?: RefreshOptions): Promise<boolean> {
    const options = checkOptions(refreshOptions, 'refresh(options)', METHOD_OPTION_KEYS.refresh);
    const force = checkFlag(options.force, 'force', false);
    const windowMs = checkDuration(options.expiryMs ?? this.tokenExpiryMs, 'expiryMs');
    const account = await this.#accountIfKnown();
    if (!account) return false;
    const outcome = await account.window.run({ windowMs, force });
    return outcome !== 'unavailable';
  }

  /** Forgets the cloud token and the remembered e-mail; hub keys and hub state are kept. */
  async resetState(): Promise<void> {
    const account = await this.#accountIfKnown();
    if (account) await account.cloudManager.clear();
    const pointer = await readAccountPointer(this.#store);
    if (pointer !== undefined && pointer === account?.email) {
      await this.#store.withLock('cozify-account', () => this.#store.delete('cozify-account'));
    }
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
    await this.#beforeCloudCall(account);
    return account.cloudHubs(signal);
  }

  /**
   * Fetches every hub key with the cloud token, finds which hubs answer on
   * this LAN (`lan_ip`, then each address's `/hub`), and stores it all; the
   * first hub becomes the default when there is none.
   */
  async discoverHubs(discoverOptions?: DiscoverHubsOptions): Promise<CozifyHubSummary[]> {
    const options = checkOptions(discoverOptions, 'discoverHubs(options)', METHOD_OPTION_KEYS.discoverHubs);
    const remote = checkFlag(options.remote, 'remote', false);
    const autoremote = checkFlag(options.autoremote, 'autoremote', true);
    const account = await this.#requireAccount();
    await this.#beforeCloudCall(account);
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

  /** The cloud token's session manager, for its events (`login`, `refresh`, ...) and stats. */
  async cloudSessionManager(): Promise<SessionManager<CozifyCloudSession>> {
    return (await this.#requireAccount()).cloudManager;
  }

  /** One hub key's session manager, for its events and stats. */
  async hubSessionManager(hubId: string): Promise<SessionManager<CozifyHubSession>> {
    if (typeof hubId !== 'string' || hubId.trim() === '') {
      throw configError('hubSessionManager(hubId): `hubId` must be a non-empty string');
    }
    return (await this.#requireAccount()).hubManager(hubId);
  }

  /** Stops the session managers. Idempotent; the store is left as it is. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#account?.close();
  }

  /** Same as {@link Cozify.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #hubsNeedKeys(account: CozifyAccount, trustHub: boolean): Promise<boolean> {
    if (!trustHub) return true;
    const state = await account.state.read();
    if (state.defaultHub === undefined || !state.hubs[state.defaultHub]) return true;
    if (!(await account.hubManager(state.defaultHub).restore())) return true;
    return !(await account.hub(state.defaultHub).ping());
  }

  /** The refresh window, best effort: a cloud hiccup must not fail a call the valid token can still make. */
  async #beforeCloudCall(account: CozifyAccount): Promise<void> {
    if (!this.#autorefresh || !account.window.isDue(this.tokenExpiryMs)) return;
    try {
      await account.window.run({ windowMs: this.tokenExpiryMs });
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
    if (this.#closed) throw configError('This Cozify client is closed');
    if (this.#account?.email !== email) {
      this.#account = new CozifyAccount(email, {
        store: this.#store,
        clock: this.#clock,
        cloudUrl: this.#cloudUrl,
        fetch: this.#fetch,
        hubPort: this.#hubPort,
        otp: this.#otp,
        beforeHubCall: () => (this.#account ? this.#beforeCloudCall(this.#account) : Promise.resolve()),
      });
    }
    return this.#account;
  }
}

/** Duck-typed: a store from another copy of core is still a store. */
function isStore(value: unknown): value is TokenStore {
  const store = value as Partial<Record<keyof TokenStore, unknown>> | null;
  return (
    typeof store === 'object' &&
    store !== null &&
    typeof store.get === 'function' &&
    typeof store.set === 'function' &&
    typeof store.delete === 'function' &&
    typeof store.withLock === 'function'
  );
}
