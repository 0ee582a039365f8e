import { access } from 'node:fs/promises';
import {
  AuthorizedHttp,
  type Clock,
  ConfigurationError,
  decodeJwtExpiry,
  ErrorCodes,
  isTokenwiseError,
  type Secret,
  SessionManager,
  systemClock,
  TokenExpiredError,
  type TokenStore,
  TokenwiseError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { listAllDevices, probeToken } from './api.js';
import { DATA_CALL_HEADERS, DEFAULT_TIME_ZONE, VENDOR } from './constants.js';
import {
  credentialsNameRegion,
  defaultCredentialPath,
  defaultCredentialSearchPaths,
  type PyvesyncCredentialsJson,
  parseCredentials,
  readCredentialFile,
  toPyvesyncJson,
  type VeSyncCredentials,
  writeCredentialFile,
} from './credential-file.js';
import { createVeSyncErrorMapper } from './errors.js';
import { hashPassword } from './login-flow.js';
import {
  callOptions,
  clockOption,
  constructorOptions,
  countryOption,
  fetchOption,
  hostsOption,
  LOGIN_OPTION_KEYS,
  optionalPassword,
  pathOption,
  requireString,
  SIGNAL_ONLY_OPTION_KEYS,
  signalOption,
  storeOption,
  timeoutOption,
  timeZoneOption,
} from './options.js';
import { otherRegion, resolveHosts, type VeSyncHosts, type VeSyncRegion } from './region.js';
import type { VeSyncDevice, VeSyncSession } from './schemas.js';
import { accountKey, createVeSyncStrategy } from './strategy.js';
import { TerminalIdentity, terminalIdOfToken } from './terminal-identity.js';

/** Options of {@link VeSync}. */
export interface VeSyncOptions {
  /** The VeSync account e-mail. Also names the account in the store. */
  username: string;
  /** The account password. Optional when you only use a saved token, but then an expired token cannot be renewed. */
  password?: string | Secret | undefined;
  /** ISO 3166 alpha-2 country of the account. Default `US`. Picks the first host to try. */
  countryCode?: string | undefined;
  /** IANA time zone sent with data calls. Default `America/New_York`. */
  timeZone?: string | undefined;
  /** Where the session is kept and shared. Default: memory of this instance. */
  store?: TokenStore | undefined;
  /** fetch implementation. Default: the global fetch (looked up per call, so MSW works). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Base URL per region. Default: `TOKENWISE_VESYNC_URL` for both, else VeSync's hosts. */
  hosts?: Partial<Record<VeSyncRegion, string>> | undefined;
  /** Time source (tests). */
  clock?: Clock | undefined;
  /** Per-attempt timeout of data calls. Default 30 000 ms. */
  timeoutMs?: number | undefined;
}

/** Options of {@link VeSync.login}. */
export interface VeSyncLoginOptions {
  /** Also save the credentials here (pyvesync format, 0600) after a successful login. */
  tokenFilePath?: string | undefined;
  /** Detaches this caller; a login shared with other callers keeps running. */
  signal?: AbortSignal | undefined;
}

/** Input of {@link VeSync.setCredentials}: what pyvesync's `set_credentials` takes. */
export interface VeSyncCredentialsInput {
  /** The token (a JWT) from a previous login, pyvesync's `token`. */
  token: string;
  /** VeSync's account id, pyvesync's `account_id`. */
  accountId: string;
  /** ISO 3166 alpha-2 country of the account, pyvesync's `country_code`. */
  countryCode: string;
  /** `US` or `EU`. When absent, guessed from the country and both hosts are tried. */
  region?: VeSyncRegion | undefined;
}

/**
 * A VeSync (Levoit, Etekcity) cloud client. Logs in lazily and only when the
 * token held (in memory, or in the shared store) is missing or rejected;
 * concurrent calls, instances and processes sharing a store share one login.
 *
 * ```ts
 * await using vesync = new VeSync({ username, password, countryCode: 'DE' });
 * const devices = await vesync.getDevices();
 * ```
 */
export class VeSync {
  /** The session manager (events, stats). */
  readonly manager: SessionManager<VeSyncSession>;
  readonly #http: AuthorizedHttp<VeSyncSession>;
  readonly #hosts: VeSyncHosts;
  readonly #fetch: typeof globalThis.fetch;
  readonly #clock: Clock;
  readonly #timeZone: string;
  readonly #password: Secret | undefined;
  readonly #identity: TerminalIdentity;
  readonly #mapError: VendorErrorMapper;
  readonly #secrets: () => Array<string | Secret | undefined>;
  readonly #account: string;
  #lastError: TokenwiseError | undefined;
  #closed = false;

  constructor(options: VeSyncOptions) {
    constructorOptions(options);
    const username = requireString(options.username, 'username');
    this.#password = optionalPassword(options.password);
    const countryCode = countryOption(options.countryCode ?? 'US', 'countryCode');
    this.#timeZone = options.timeZone === undefined ? DEFAULT_TIME_ZONE : timeZoneOption(options.timeZone);
    const store = storeOption(options.store);
    const timeoutMs = timeoutOption(options.timeoutMs);
    this.#hosts = resolveHosts(hostsOption(options.hosts));
    // Looked up per call so a fetch patched later (MSW, instrumentation) is used.
    this.#fetch = fetchOption(options.fetch) ?? ((input, init) => globalThis.fetch(input, init));
    this.#clock = clockOption(options.clock) ?? systemClock;
    this.#account = accountKey(username);
    this.#identity = new TerminalIdentity(countryCode, this.#account);
    // VeSync only ever sees the password's MD5, which opens the account just as well: redact both.
    const passwordHash =
      this.#password === undefined || this.#password.isEmpty ? undefined : hashPassword(this.#password);
    this.#secrets = () => [this.#password, passwordHash, this.manager.peek()?.token];
    this.#mapError = createVeSyncErrorMapper(this.#secrets);
    const strategy = createVeSyncStrategy({
      email: username,
      password: this.#password,
      hosts: this.#hosts,
      fetch: this.#fetch,
      identity: this.#identity,
      mapError: this.#mapError,
    });
    this.manager = new SessionManager({ strategy, store, clock: this.#clock });
    this.#http = new AuthorizedHttp({
      manager: this.manager,
      strategy,
      baseUrl: this.#hosts[this.#identity.region],
      fetch: this.#fetch,
      timeoutMs,
      mapError: this.#mapError,
      headers: { ...DATA_CALL_HEADERS },
    });
  }

  /** Why the last call failed, or what it recovered from (e.g. a rejected saved token); cleared at each call. */
  get lastError(): TokenwiseError | undefined {
    return this.#lastError;
  }

  /** The region the account's token lives in (the server's answer once known, else the guess from the country). */
  get region(): VeSyncRegion {
    return this.manager.peek()?.region ?? this.#identity.region;
  }

  /** The account's country code (the server's answer once known). */
  get countryCode(): string {
    return this.manager.peek()?.countryCode ?? this.#identity.countryCode;
  }

  /** The VeSync account id of the session held, if any. */
  get accountId(): string | undefined {
    return this.manager.peek()?.accountId;
  }

  /**
   * Makes sure the client holds a valid session: a live one from memory or
   * the store is reused; otherwise the two-step login runs (once, shared with
   * concurrent callers). Resolves `false` only when VeSync rejects the e-mail
   * or password (the reason is in {@link lastError}); everything else throws a
   * typed error. With `tokenFilePath`, the credentials are saved there too.
   */
  async login(options?: VeSyncLoginOptions): Promise<boolean> {
    return this.#run(async () => {
      const given = callOptions(options, 'login()', LOGIN_OPTION_KEYS);
      // Checked before logging in: a bad path must not cost a login and then fail.
      const tokenFilePath = pathOption(given.tokenFilePath, 'login() option tokenFilePath');
      const ok = await this.#ensureSession(signalOption(given.signal, 'login()'));
      if (ok && tokenFilePath !== undefined) await this.saveCredentials(tokenFilePath);
      return ok;
    });
  }

  /**
   * Uses a token obtained elsewhere. It is checked with one cheap call first
   * and stored only when VeSync accepts it, so a dead token never replaces a
   * live stored session. Resolves `true` when it works; when it does not and
   * a password is known, {@link login} runs and its result is returned.
   */
  async setCredentials(input: VeSyncCredentialsInput, signal?: AbortSignal): Promise<boolean> {
    return this.#run(() => {
      if (typeof input !== 'object' || input === null) {
        throw new ConfigurationError('setCredentials needs { token, accountId, countryCode, region }', {
          vendor: VENDOR,
        });
      }
      const credentials = parseCredentials(
        {
          token: input.token,
          account_id: input.accountId,
          country_code: input.countryCode,
          ...(input.region === undefined ? {} : { region: input.region }),
        },
        'setCredentials()',
        { account_id: 'accountId', country_code: 'countryCode' },
      );
      return this.#adopt(credentials, input.region !== undefined, signalOption(signal, 'setCredentials()'));
    });
  }

  /**
   * Loads a pyvesync credential file (`token`, `account_id`, `country_code`,
   * and `region` or `current_region`, which may be missing) and uses it like
   * {@link setCredentials}. Without a path, looks for `~/.vesync_auth`, then
   * `./.vesync_auth`. A missing or malformed file throws a ConfigurationError.
   */
  async loadCredentialsFromFile(path?: string, signal?: AbortSignal): Promise<boolean> {
    return this.#run(async () => {
      const checkedSignal = signalOption(signal, 'loadCredentialsFromFile()');
      const file =
        pathOption(path, 'loadCredentialsFromFile() path') ??
        (await firstExisting(defaultCredentialSearchPaths()));
      const { credentials, raw } = await readCredentialFile(file);
      return this.#adopt(credentials, credentialsNameRegion(raw), checkedSignal);
    });
  }

  /**
   * Saves the session's credentials in pyvesync's format (mode 0600, atomic).
   * Default path `~/.vesync_auth`. Resolves the path written.
   */
  async saveCredentials(path?: string): Promise<string> {
    return this.#run(async () => {
      const file = pathOption(path, 'saveCredentials() path') ?? defaultCredentialPath();
      const session = this.manager.peek() ?? (await this.manager.restore());
      if (session === undefined) {
        throw new ConfigurationError(
          'There is no VeSync session to save: call login() or setCredentials() first',
          {
            vendor: VENDOR,
          },
        );
      }
      await writeCredentialFile(file, credentialsOf(session));
      return file;
    });
  }

  /** The held credentials as pyvesync's dict, or `undefined` when not logged in. Contains the token. */
  outputCredentialsDict(): PyvesyncCredentialsJson | undefined {
    const session = this.manager.peek();
    return session === undefined ? undefined : toPyvesyncJson(credentialsOf(session));
  }

  /** {@link outputCredentialsDict} as a JSON string, or `undefined` when not logged in. */
  outputCredentialsJson(): string | undefined {
    const dict = this.outputCredentialsDict();
    return dict === undefined ? undefined : JSON.stringify(dict);
  }

  /** Every device of the account (all pages of the device list). */
  async getDevices(options?: { signal?: AbortSignal | undefined }): Promise<VeSyncDevice[]> {
    return this.#run(async () => {
      const signal = signalOption(
        callOptions(options, 'getDevices()', SIGNAL_ONLY_OPTION_KEYS).signal,
        'getDevices()',
      );
      return listAllDevices(this.#http, this.#timeZone, this.#clock, signal);
    });
  }

  /** Stops background work. Idempotent; later calls throw a ConfigurationError. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.manager.close();
  }

  /** Same as {@link close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw new ConfigurationError('This VeSync client is closed', { vendor: VENDOR });
    }
    this.#lastError = undefined;
    try {
      return await fn();
    } catch (error) {
      this.#lastError = isTokenwiseError(error)
        ? error
        : new TokenwiseError('Unexpected error in the VeSync client', { vendor: VENDOR, cause: error });
      throw error;
    }
  }

  async #ensureSession(signal: AbortSignal | undefined): Promise<boolean> {
    try {
      await this.manager.get(signal);
      return true;
    } catch (error) {
      if (isTokenwiseError(error, ErrorCodes.InvalidCredentialsError)) {
        this.#lastError = error;
        return false;
      }
      throw error;
    }
  }

  async #adopt(credentials: VeSyncCredentials, regionGiven: boolean, signal?: AbortSignal): Promise<boolean> {
    // The store key is the username; a token of another account must not replace its session.
    const held = this.manager.peek() ?? (await this.manager.restore());
    if (held !== undefined && held.accountId !== credentials.accountId) {
      throw new ConfigurationError(
        `These VeSync credentials belong to another account than the session held for ${this.#account} (account_id differs); it is not replaced`,
        { vendor: VENDOR },
      );
    }
    // The token's own terminal id: re-logging in with it is not a "new device" for VeSync.
    this.#identity.offer(terminalIdOfToken(credentials.token));
    // A file without a region only has a guess; old EU accounts often live on the US host.
    const regions = regionGiven
      ? [credentials.region]
      : [credentials.region, otherRegion(credentials.region)];
    for (const region of regions) {
      const accepted = await probeToken({
        fetch: this.#fetch,
        baseUrl: this.#hosts[region],
        token: credentials.token,
        accountId: credentials.accountId,
        timeZone: this.#timeZone,
        clock: this.#clock,
        // The token being checked is not the manager's yet: redact it too.
        mapError: createVeSyncErrorMapper(() => [...this.#secrets(), credentials.token]),
        signal,
      });
      if (accepted) {
        await this.manager.setSession(this.#sessionOf({ ...credentials, region }));
        return true;
      }
    }
    const rejected = new TokenExpiredError('VeSync rejected the given token', { vendor: VENDOR });
    // The same token is what we hold (a file saved from this store): it is dead, so stop serving it.
    if (held !== undefined && held.token === credentials.token) this.manager.invalidate(held);
    if (this.#password === undefined) {
      this.#lastError = rejected;
      return false;
    }
    const ok = await this.#ensureSession(signal);
    this.#lastError ??= rejected;
    return ok;
  }

  #sessionOf(credentials: VeSyncCredentials): VeSyncSession {
    const now = this.#clock.now();
    const exp = decodeJwtExpiry(credentials.token);
    return {
      vendor: VENDOR,
      account: this.#account,
      issuedAt: now,
      // A token of unknown age gets no expiry: it is used until VeSync rejects it, then renewed.
      ...(exp !== undefined && exp > now ? { expiresAt: exp } : {}),
      token: credentials.token,
      accountId: credentials.accountId,
      countryCode: credentials.countryCode,
      region: credentials.region,
      terminalId: terminalIdOfToken(credentials.token) ?? this.#identity.terminalId(),
    };
  }
}

function credentialsOf(session: VeSyncSession): VeSyncCredentials {
  return {
    token: session.token,
    accountId: session.accountId,
    countryCode: session.countryCode,
    region: session.region,
  };
}

async function firstExisting(paths: string[]): Promise<string> {
  for (const path of paths) {
    try {
      await access(path);
      return path;
    } catch {
      // try the next place pyvesync looks
    }
  }
  throw new ConfigurationError(`No VeSync credential file found (looked in ${paths.join(', ')})`, {
    vendor: VENDOR,
  });
}
