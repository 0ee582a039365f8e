import {
  type AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  type Clock,
  ConfigurationError,
  checkFunctionOption,
  checkOptionsObject,
  type OptionKeys,
  type SessionManager,
  systemClock,
} from '@tokenwise/auth-core/vendor';
import { fetchV1Locations } from './api-v1.js';
import { fetchV1TaskState, putV1ForTask } from './api-v1-control.js';
import { V1_BASE_PATH, VENDOR } from './constants.js';
import {
  type EvohomeHotWaterState,
  type EvohomeV1SystemMode,
  requireId,
  requireOneOf,
  requireSetpoint,
  V1_SYSTEM_MODES,
} from './control-arguments.js';
import {
  COMMON_OPTION_KEYS,
  type EvohomeCommonOptions,
  resolveOptions,
  strategyOptionsOf,
} from './options.js';
import type { EvohomeV1Session } from './schemas/session.js';
import type { V1Location } from './schemas/v1.js';
import { createEvohomeV1Strategy } from './strategy-v1.js';
import { checkWaitOptions, type WaitForTaskOptions, waitForTask } from './task-wait.js';
import { type EvohomeTemperature, temperaturesOf } from './temperatures.js';
import { createTransport } from './transport.js';
import { type EvohomeUserData, requireUserData, sessionFromUserData, toUserData } from './user-data.js';
import {
  checkUserDataPath,
  READ_USER_DATA_OPTION_KEYS,
  type ReadUserDataOptions,
  readUserDataFile,
  writeUserDataFile,
} from './user-data-file.js';
import { type EvohomeCancelOptions, type EvohomeWriteOptions, writeOptionsOf } from './write-options.js';

/** Options of {@link EvohomeClient}. */
export interface EvohomeClientOptions extends EvohomeCommonOptions {
  /**
   * A saved `user_data` (from {@link EvohomeClient.loadUserData} or the
   * Python library's file). With it the client does not log in until the
   * vendor rejects the saved session.
   */
  userData?: EvohomeUserData | undefined;
}

const CLIENT_OPTION_KEYS = {
  ...COMMON_OPTION_KEYS,
  userData: true,
} as const satisfies OptionKeys<EvohomeClientOptions>;

/**
 * The V1 (sessionId) client: high-precision temperatures of every zone and
 * hot-water device. Lazy: constructing it does no I/O. Sessions are shared
 * through `store`; logins are throttled account-wide together with
 * {@link EvohomeV2Client}.
 */
export class EvohomeClient {
  /** The session manager (events, stats, `clear()` to log out). */
  readonly manager: SessionManager<EvohomeV1Session>;
  /** The API origin in use: the `baseUrl` option, else `TOKENWISE_EVOHOME_URL`, else the vendor's. */
  readonly baseUrl: string;
  readonly #http: AuthorizedHttp<EvohomeV1Session>;
  readonly #username: string;
  readonly #userData: EvohomeUserData | undefined;
  readonly #now: () => number;
  readonly #clock: Clock;
  readonly #lifecycle = new ClientLifecycle('EvohomeClient', VENDOR);
  #seeded: Promise<void> | undefined;

  constructor(options: EvohomeClientOptions) {
    const resolved = resolveOptions(options, 'EvohomeClient', CLIENT_OPTION_KEYS);
    this.#userData =
      options.userData === undefined ? undefined : requireUserData(options.userData, resolved.username);
    this.#username = resolved.username;
    this.baseUrl = resolved.baseUrl;
    const clock = resolved.clock ?? systemClock;
    this.#clock = clock;
    this.#now = () => clock.now();
    ({ manager: this.manager, http: this.#http } = createTransport(
      createEvohomeV1Strategy(strategyOptionsOf(resolved)),
      resolved,
      V1_BASE_PATH,
    ));
  }

  /**
   * The seed's `user_data` (`{ sessionId, userInfo }`) of the session in
   * use; `undefined` until the first call. Save it with {@link saveUserData}.
   */
  get userData(): EvohomeUserData | undefined {
    const session = this.manager.peek();
    return session === undefined ? undefined : toUserData(session);
  }

  /** Readings of every zone and hot-water device in every location; 128 / `NotAvailable` → `null`. */
  async temperatures(signal?: AbortSignal): Promise<EvohomeTemperature[]> {
    return temperaturesOf(await this.locations(signal));
  }

  /** The raw `locations?allData=True` payload: every location with devices, weather and time zone. */
  async locations(signal?: AbortSignal): Promise<V1Location[]> {
    await this.#ready();
    return fetchV1Locations(this.#http, this.manager, signal);
  }

  /**
   * Overrides a zone's target (`PUT devices/{id}/thermostat/changeableValues/heatSetpoint`):
   * a `Hold`, or (with `until`) `Temporary` until then. `zoneId` is the
   * device id of {@link temperatures}. Returns the vendor's task id.
   */
  async setZoneSetpoint(
    zoneId: number | string,
    temperature: number,
    options?: EvohomeWriteOptions,
  ): Promise<string> {
    const id = requireId(zoneId, 'zoneId', '3432576');
    const value = requireSetpoint(temperature);
    const { until, signal } = writeOptionsOf(options, 'setZoneSetpoint', this.#now());
    await this.#ready();
    return putV1ForTask(
      this.#http,
      `devices/${id}/thermostat/changeableValues/heatSetpoint`,
      { Value: value, Status: until === undefined ? 'Hold' : 'Temporary', NextTime: until ?? null },
      { signal },
    );
  }

  /** Ends a zone's override (`Status: Scheduled`): it follows its schedule again. Returns the task id. */
  async cancelZoneOverride(zoneId: number | string, options?: EvohomeCancelOptions): Promise<string> {
    const id = requireId(zoneId, 'zoneId', '3432576');
    const { signal } = writeOptionsOf(options, 'cancelZoneOverride', this.#now(), false);
    await this.#ready();
    return putV1ForTask(
      this.#http,
      `devices/${id}/thermostat/changeableValues/heatSetpoint`,
      { Value: null, Status: 'Scheduled', NextTime: null },
      { signal },
    );
  }

  /**
   * Sets the system mode of a location (`PUT evoTouchSystems`, the V1
   * `QuickAction`), permanently or until `until`. The V1 API cannot read the
   * mode back: {@link EvohomeV2Client.systemStatus} can. Returns the task id.
   */
  async setSystemMode(
    locationId: number | string,
    mode: EvohomeV1SystemMode,
    options?: EvohomeWriteOptions,
  ): Promise<string> {
    const id = requireId(locationId, 'locationId', '2738909');
    const checked = requireOneOf(mode, V1_SYSTEM_MODES, 'mode');
    const { until, signal } = writeOptionsOf(options, 'setSystemMode', this.#now());
    await this.#ready();
    return putV1ForTask(
      this.#http,
      'evoTouchSystems',
      { QuickAction: checked, QuickActionNextTime: until ?? null },
      { searchParams: { locationId: id }, signal },
    );
  }

  /**
   * Switches hot water on or off (`DHWOn` / `DHWOff`), held, or until
   * `until`. `dhwId` is the hot water's device id. Returns the task id.
   */
  async setHotWaterState(
    dhwId: number | string,
    state: EvohomeHotWaterState,
    options?: EvohomeWriteOptions,
  ): Promise<string> {
    const id = requireId(dhwId, 'dhwId', '3933910');
    const checked = requireOneOf(state, ['On', 'Off'] as const, 'state');
    const { until, signal } = writeOptionsOf(options, 'setHotWaterState', this.#now());
    await this.#ready();
    return putV1ForTask(
      this.#http,
      `devices/${id}/thermostat/changeableValues`,
      {
        Status: until === undefined ? 'Hold' : 'Temporary',
        Mode: checked === 'On' ? 'DHWOn' : 'DHWOff',
        NextTime: until ?? null,
        SpecialModes: null,
        HeatSetpoint: null,
        CoolSetpoint: null,
      },
      { signal },
    );
  }

  /** Ends a hot-water override (`Status: Scheduled`). Returns the task id. */
  async cancelHotWaterOverride(dhwId: number | string, options?: EvohomeCancelOptions): Promise<string> {
    const id = requireId(dhwId, 'dhwId', '3933910');
    const { signal } = writeOptionsOf(options, 'cancelHotWaterOverride', this.#now(), false);
    await this.#ready();
    return putV1ForTask(
      this.#http,
      `devices/${id}/thermostat/changeableValues`,
      {
        Status: 'Scheduled',
        Mode: null,
        NextTime: null,
        SpecialModes: null,
        HeatSetpoint: null,
        CoolSetpoint: null,
      },
      { signal },
    );
  }

  /** A task's state (`GET commTasks`): `pending`, then `Succeeded` (or a failure). */
  async taskState(taskId: string, signal?: AbortSignal): Promise<string> {
    const id = requireId(taskId, 'taskId', '"123"');
    await this.#ready();
    return fetchV1TaskState(this.#http, id, signal);
  }

  /**
   * Waits until a write's task has succeeded, polling every `intervalMs`
   * (1 s). Throws `EvohomeTaskFailedError` when it ends otherwise and
   * `EvohomeTaskTimeoutError` after `timeoutMs` (60 s).
   */
  async waitForTask(taskId: string, options: WaitForTaskOptions = {}): Promise<void> {
    const id = requireId(taskId, 'taskId', '"123"');
    const wait = checkWaitOptions(options, 'EvohomeClient');
    await this.#ready();
    return waitForTask(id, (signal) => fetchV1TaskState(this.#http, id, signal), wait, this.#clock);
  }

  /**
   * An authorized call to any V1 endpoint this client does not wrap. `path`
   * is relative to the V1 API (`<baseUrl>/WebAPI/api/`), e.g. `'accountInfo'`.
   * The session is renewed once and the call replayed when the vendor rejects
   * it; failures are typed errors. The response body is already read.
   */
  async request(path: string, init?: CallOptions): Promise<Response> {
    await this.#ready();
    return this.#http.request(path, init);
  }

  /**
   * Writes {@link userData} to `path` as JSON the Python library reads too,
   * atomically and with mode 0600 (it holds a session id and personal data).
   */
  async saveUserData(path: string): Promise<void> {
    checkUserDataPath(path, 'saveUserData');
    const data = this.userData;
    if (data === undefined) {
      throw new ConfigurationError(
        'EvohomeClient has no userData yet: make a call such as temperatures() first',
        {
          vendor: VENDOR,
        },
      );
    }
    await writeUserDataFile(path, data);
  }

  /**
   * Reads a saved `user_data` file (ours or the Python library's). Returns
   * `undefined` when it is missing, unreadable or corrupt (never throws);
   * `onProblem` says which.
   */
  static async loadUserData(
    path: string,
    options: ReadUserDataOptions = {},
  ): Promise<EvohomeUserData | undefined> {
    checkUserDataPath(path, 'loadUserData');
    checkOptionsObject(options, 'EvohomeClient.loadUserData', READ_USER_DATA_OPTION_KEYS, VENDOR);
    checkFunctionOption(options.onProblem, 'EvohomeClient.loadUserData option `onProblem`', VENDOR);
    return readUserDataFile(path, options);
  }

  /**
   * Stops background persistence and waits for a sliding-expiry write still
   * in flight, so the store is quiet when this resolves. The stored session
   * stays for the next run. Idempotent; later calls fail with `ClientClosedError`.
   */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.manager.close());
  }

  /** {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // The user_data is a credential handed in from outside (a file), so it is adopted: under the
  // store lock, any usable stored session wins ('always': the file's real age is unknown, the
  // stored one is at least as recent, and overwriting it could throw away a session another
  // process is using). It is checked locally only ('none'): asking the vendor would cost a call
  // per start, while its 401 on first use costs one login, the same as having no file.
  #ready(): Promise<void> {
    if (this.#lifecycle.closed) return Promise.reject(this.#lifecycle.closedError());
    const userData = this.#userData;
    if (userData === undefined) return Promise.resolve();
    this.#seeded ??= (async () => {
      if (this.manager.peek() !== undefined) return;
      await this.manager.adopt(sessionFromUserData(userData, this.#username, this.#now()), {
        check: 'none',
        preferStored: 'always',
      });
    })().catch((error: unknown) => {
      this.#seeded = undefined;
      throw error;
    });
    return this.#seeded;
  }
}
