import { access } from 'node:fs/promises';
import {
  AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  type ClientOptions,
  type Clock,
  ConfigurationError,
  checkOptionsObject,
  checkSecretOption,
  checkSignalOption,
  checkStringOption,
  decodeJwtExpiry,
  ErrorCodes,
  isTokenwiseError,
  parseWithSchema,
  type Secret,
  SessionManager,
  systemClock,
  TokenwiseError,
} from '@tokenwise/auth-core/vendor';
import { dataCallBody, listAllDevices } from './api.js';
import { checkBaseUrlOption, resolveVeSyncBaseUrl, type VeSyncBaseUrl } from './base-url.js';
import {
  type BypassV2Options,
  type BypassV2Payload,
  checkBypassOptions,
  checkBypassPayload,
} from './bypass-v2.js';
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
import { DeviceCalls } from './device-calls.js';
import { type DeviceCallOptions, type DeviceHandleContext, signalOf } from './device-handle.js';
import { HUMIDIFIER_MODELS, OUTLET_MODELS, PURIFIER_MODELS } from './device-models.js';
import { type CheckedDevice, checkDevice, type VeSyncDeviceRef } from './device-ref.js';
import { deviceDetailSchema, type VeSyncDeviceDetail } from './device-schemas.js';
import { createVeSyncErrorMapper } from './errors.js';
import { VeSyncHumidifier } from './humidifier.js';
import { hashPassword } from './login-flow.js';
import {
  constructorOptions,
  countryOption,
  LOGIN_OPTION_KEYS,
  REQUEST_OPTION_KEYS,
  SIGNAL_ONLY_OPTION_KEYS,
  timeZoneOption,
} from './options.js';
import { VeSyncOutlet } from './outlet.js';
import { VeSyncPurifier } from './purifier.js';
import type { VeSyncRegion } from './region.js';
import type { VeSyncDevice, VeSyncSession } from './schemas.js';
import { accountKey, createVeSyncStrategy } from './strategy.js';
import { TerminalIdentity, terminalIdOfToken } from './terminal-identity.js';

/** Options of {@link VeSync}: core's common options plus VeSync's own. */
export interface VeSyncOptions extends ClientOptions {
  /** The VeSync account e-mail. Also names the account in the store. */
  username: string;
  /** The account password. Optional when you only use a saved token, but then an expired token cannot be renewed. */
  password?: string | Secret | undefined;
  /** ISO 3166 alpha-2 country of the account. Default `US`. Picks the first host to try. */
  countryCode?: string | undefined;
  /** IANA time zone sent with data calls. Default `America/New_York`. */
  timeZone?: string | undefined;
  /**
   * Base URL per region. Default: US `TOKENWISE_VESYNC_URL`, EU
   * `TOKENWISE_VESYNC_EU_URL` then `TOKENWISE_VESYNC_URL`, else VeSync's hosts.
   */
  baseUrl?: Partial<Record<VeSyncRegion, string>> | undefined;
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
  /** The resolved base URL of each region (option, environment, or VeSync's hosts). */
  readonly baseUrl: VeSyncBaseUrl;
  readonly #http: AuthorizedHttp<VeSyncSession>;
  readonly #clock: Clock;
  readonly #timeZone: string;
  readonly #password: Secret | undefined;
  readonly #identity: TerminalIdentity;
  readonly #account: string;
  readonly #lifecycle = new ClientLifecycle('VeSync', VENDOR);
  readonly #calls: DeviceCalls;
  readonly #handles: DeviceHandleContext;
  #lastError: TokenwiseError | undefined;

  constructor(options: VeSyncOptions) {
    const given = constructorOptions(options);
    this.#password = checkSecretOption(given.password, 'VeSync option `password`', VENDOR);
    const countryCode = countryOption(options.countryCode ?? 'US', 'VeSync option `countryCode`');
    this.#timeZone =
      options.timeZone === undefined
        ? DEFAULT_TIME_ZONE
        : timeZoneOption(options.timeZone, 'VeSync option `timeZone`');
    this.baseUrl = resolveVeSyncBaseUrl(checkBaseUrlOption(given.baseUrl, 'VeSync'), 'VeSync');
    // Looked up per call so a fetch patched later (MSW, instrumentation) is used.
    const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#clock = options.clock ?? systemClock;
    this.#account = accountKey(options.username);
    this.#identity = new TerminalIdentity(countryCode, this.#account);
    // VeSync only ever sees the password's MD5, which opens the account just as well: redact both.
    const passwordHash = this.#password === undefined ? undefined : hashPassword(this.#password);
    const mapError = createVeSyncErrorMapper(() => [
      this.#password,
      passwordHash,
      this.manager.peek()?.token,
    ]);
    const strategy = createVeSyncStrategy({
      email: options.username,
      password: this.#password,
      baseUrl: this.baseUrl,
      fetch,
      identity: this.#identity,
      mapError,
      timeZone: this.#timeZone,
    });
    this.manager = new SessionManager({
      strategy,
      store: options.store,
      clock: this.#clock,
      maxBackOffMs: options.maxBackOffMs,
    });
    this.#http = new AuthorizedHttp({
      manager: this.manager,
      baseUrl: this.baseUrl[this.#identity.region],
      fetch,
      timeoutMs: options.timeoutMs,
      mapError,
      headers: { ...DATA_CALL_HEADERS },
    });
    this.#calls = new DeviceCalls({
      http: this.#http,
      timeZone: this.#timeZone,
      clock: this.#clock,
      countryCode: () => this.countryCode,
      region: () => this.region,
    });
    this.#handles = { calls: this.#calls, run: (fn) => this.#run(fn) };
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
      const given = checkOptionsObject(options, 'login()', LOGIN_OPTION_KEYS, VENDOR);
      // Checked before logging in: a bad path must not cost a login and then fail.
      const tokenFilePath = checkStringOption(given.tokenFilePath, 'login() option `tokenFilePath`', VENDOR);
      const ok = await this.#ensureSession(
        checkSignalOption(given.signal, 'login() option `signal`', VENDOR),
      );
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
      const checkedSignal = checkSignalOption(signal, 'setCredentials() signal', VENDOR);
      return this.#adopt(credentials, input.region !== undefined, checkedSignal);
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
      const checkedSignal = checkSignalOption(signal, 'loadCredentialsFromFile() signal', VENDOR);
      const file =
        checkStringOption(path, 'loadCredentialsFromFile() path', VENDOR) ??
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
      const file = checkStringOption(path, 'saveCredentials() path', VENDOR) ?? defaultCredentialPath();
      const session = this.manager.peek() ?? (await this.manager.restore());
      if (session === undefined) {
        throw new ConfigurationError(
          'There is no VeSync session to save: call login() or setCredentials() first',
          { vendor: VENDOR },
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
      const given = checkOptionsObject(options, 'getDevices()', SIGNAL_ONLY_OPTION_KEYS, VENDOR);
      const signal = checkSignalOption(given.signal, 'getDevices() option `signal`', VENDOR);
      return listAllDevices(this.#http, this.#timeZone, this.#clock, signal);
    });
  }

  /**
   * The state of a device from `POST cloud/v1/deviceManaged/deviceDetail`,
   * the call older devices (15A outlet, wall switches) answer their state to.
   * The body is the envelope pyvesync sends (`cid`, `deviceId`,
   * `configModule`, `uuid`, `userCountryCode`...). Every field is read
   * tolerantly: what the SDK knows is typed, everything else is kept.
   * Errors: `DeviceOfflineError` (code `-11300xxx`), `UnsupportedMethodError`
   * (`-11004xxx`), `ApiError` for other codes, and the usual auth errors.
   */
  async deviceDetail(device: VeSyncDeviceRef, options?: DeviceCallOptions): Promise<VeSyncDeviceDetail> {
    return this.#run(async () => {
      const checked = checkDevice(device, 'deviceDetail()');
      const signal = signalOf(options, 'deviceDetail()');
      const result = await this.#calls.v1(checked, 'deviceDetail', {}, signal);
      return parseWithSchema(deviceDetailSchema, result, 'result of deviceDetail', VENDOR);
    });
  }

  /**
   * Sends one device method through `POST cloud/v2/deviceManaged/bypassV2`,
   * the endpoint of most modern devices, with the envelope pyvesync sends
   * and `payload: { method, source: 'APP', data }`. Resolves the device's
   * inner `result`: `unknown` unless `options.result` (a zod schema) types it.
   * Works for any device type, known to this SDK or not.
   * Errors: `ConfigurationError` (bad device or payload, before any request),
   * `DeviceOfflineError` (the device is not connected), `UnsupportedMethodError`
   * (the device does not take this method or these arguments),
   * `VeSyncDeviceError` (any other refusal of the device), `ResponseShapeError`
   * (the result does not fit `options.result`), and the usual auth errors.
   */
  async bypassV2<T = unknown, D extends object = Record<string, unknown>>(
    device: VeSyncDeviceRef,
    payload: BypassV2Payload<D>,
    options?: BypassV2Options<T>,
  ): Promise<T> {
    return this.#run(async () => {
      const checked = checkDevice(device, 'bypassV2()');
      const body = checkBypassPayload(payload);
      const { result, signal } = checkBypassOptions<T>(options);
      return result === undefined
        ? ((await this.#calls.bypassV2(checked, body, signal)) as T)
        : this.#calls.bypassV2Parsed(checked, body, result, signal);
    });
  }

  /**
   * A handle on a Core series air purifier (Core200S/300S/400S/600S and their
   * LAP-C regional models): power, mode, fan level, child lock, display.
   * Throws a ConfigurationError for another model (use {@link bypassV2}).
   */
  purifier(device: VeSyncDeviceRef): VeSyncPurifier {
    const { checked, model } = this.#modelled(device, 'purifier()', PURIFIER_MODELS);
    return new VeSyncPurifier(checked, model, this.#handles);
  }

  /**
   * A handle on a Classic 200S/300S or LV600S (LUH-A602S) humidifier: power,
   * mist level, mode, target humidity. Throws a ConfigurationError for another
   * model (use {@link bypassV2}).
   */
  humidifier(device: VeSyncDeviceRef): VeSyncHumidifier {
    const { checked, model } = this.#modelled(device, 'humidifier()', HUMIDIFIER_MODELS);
    return new VeSyncHumidifier(checked, model, this.#handles);
  }

  /**
   * A handle on a 15A WiFi outlet (ESW15-USA): power and today's energy.
   * Throws a ConfigurationError for another model (use {@link request} or
   * {@link bypassV2}).
   */
  outlet(device: VeSyncDeviceRef): VeSyncOutlet {
    this.#lifecycle.assertOpen();
    const checked = checkDevice(device, 'outlet()');
    if (!OUTLET_MODELS.has(checked.deviceType)) {
      throw unsupportedModel('outlet()', checked.deviceType, OUTLET_MODELS);
    }
    return new VeSyncOutlet(checked, this.#handles);
  }

  /**
   * An authorized call to any endpoint this SDK does not wrap, relative to
   * the account's regional host (e.g. `'cloud/v2/deviceManaged/bypassV2'`).
   * Like every VeSync call it is a POST by default whose JSON body gets the
   * app's standard fields (`acceptLanguage`, `appVersion`, `phoneBrand`,
   * `phoneOS`, `timeZone`, `traceId`) under yours, and the session's `token`
   * and `accountID`. A rejected token is renewed once and the call replayed.
   * Resolves the response (body readable once); VeSync answers errors as
   * HTTP 200 with a non-zero `code`, which is yours to read.
   */
  async request(path: string, init: CallOptions = {}): Promise<Response> {
    return this.#run(async () => {
      checkStringOption(path, 'request() path', VENDOR);
      checkOptionsObject(init, 'request()', REQUEST_OPTION_KEYS, VENDOR);
      checkSignalOption(init.signal, 'request() option `signal`', VENDOR);
      checkStringOption(init.method, 'request() option `method`', VENDOR);
      const method = (init.method ?? 'POST').toUpperCase();
      const json = init.json ?? {};
      const withFields =
        method !== 'GET' && method !== 'HEAD' && Object.prototype.toString.call(json) === '[object Object]'
          ? { ...dataCallBody(this.#timeZone, this.#clock.now()), ...(json as object) }
          : init.json;
      return this.#http.request(path, { ...init, method, json: withFields });
    });
  }

  /** Stops background work. Idempotent; later calls throw a `ClientClosedError`. */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.manager.close());
  }

  /** Same as {@link close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** A typed handle's device, checked, and its entry in `models` (a ConfigurationError for another model). */
  #modelled<M>(
    device: VeSyncDeviceRef,
    owner: string,
    models: Readonly<Record<string, M>>,
  ): { checked: CheckedDevice; model: M } {
    this.#lifecycle.assertOpen();
    const checked = checkDevice(device, owner);
    const model = models[checked.deviceType];
    if (model === undefined) throw unsupportedModel(owner, checked.deviceType, Object.keys(models));
    return { checked, model };
  }

  async #run<T>(fn: () => Promise<T>): Promise<T> {
    this.#lifecycle.assertOpen();
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
    // The very token the store holds (a file saved from this store) would win there unchecked:
    // check it all the same, and write nothing (the store has it already).
    const sameAsHeld = held !== undefined && held.token === credentials.token;
    try {
      await this.manager.adopt(this.#candidate(credentials, !regionGiven), {
        check: 'verify',
        persist: !sameAsHeld,
        signal,
      });
      return true;
    } catch (error) {
      if (!isTokenwiseError(error, ErrorCodes.TokenExpiredError)) throw error;
      // The token we hold is dead: stop serving it.
      if (held !== undefined && sameAsHeld) this.manager.invalidate(held);
      this.#lastError = error;
      if (this.#password === undefined) return false;
      const ok = await this.#ensureSession(signal);
      this.#lastError ??= error;
      return ok;
    }
  }

  #candidate(credentials: VeSyncCredentials, regionGuessed: boolean): VeSyncSession {
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
      ...(regionGuessed ? { regionGuessed } : {}),
    };
  }
}

function unsupportedModel(owner: string, deviceType: string, models: Iterable<string>) {
  return new ConfigurationError(
    `${owner} does not drive a ${deviceType.slice(0, 40)} (it drives ${[...models].join(', ')}); use bypassV2() or request() for other models`,
    { vendor: VENDOR },
  );
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
