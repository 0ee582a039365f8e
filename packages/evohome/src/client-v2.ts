import {
  type AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  type Clock,
  type SessionManager,
  systemClock,
} from '@tokenwise/auth-core/vendor';
import { fetchInstallation, fetchLocationStatus, fetchUserAccount, requireLocationId } from './api-v2.js';
import {
  fetchDhwStatus,
  fetchGateways,
  fetchLocationInstallation,
  fetchSchedule,
  fetchSystemStatus,
  fetchV2TaskState,
  fetchZoneStatus,
  putForTask,
} from './api-v2-control.js';
import { V2_BASE_PATH, VENDOR } from './constants.js';
import {
  type EvohomeHotWaterState,
  type EvohomeSystemMode,
  requireId,
  requireOneOf,
  requireSetpoint,
  V2_SYSTEM_MODES,
} from './control-arguments.js';
import { type EvohomeCommonOptions, resolveOptions, strategyOptionsOf } from './options.js';
import { type HotWaterScheduleInput, scheduleBody, type ZoneScheduleInput } from './schedule-input.js';
import type { EvohomeV2Session } from './schemas/session.js';
import type {
  V2DhwStatus,
  V2Gateway,
  V2LocationInstallation,
  V2LocationStatus,
  V2Schedule,
  V2SystemStatus,
  V2UserAccount,
  V2ZoneStatus,
} from './schemas/v2.js';
import { createEvohomeV2Strategy } from './strategy-v2.js';
import { checkWaitOptions, type WaitForTaskOptions, waitForTask } from './task-wait.js';
import { createTransport } from './transport.js';
import { type EvohomeCancelOptions, type EvohomeWriteOptions, writeOptionsOf } from './write-options.js';

/** Options of {@link EvohomeV2Client}. */
export type EvohomeV2ClientOptions = EvohomeCommonOptions;

/**
 * The V2 (OAuth) client: account, installation and per-location status.
 * Tokens live 30 min and are renewed by refresh grant; the password is sent
 * again only when the vendor rejects the refresh token. Lazy: constructing
 * it does no I/O.
 */
export class EvohomeV2Client {
  /** The session manager (events, stats, `clear()` to log out). */
  readonly manager: SessionManager<EvohomeV2Session>;
  /** The API origin in use: the `baseUrl` option, else `TOKENWISE_EVOHOME_URL`, else the vendor's. */
  readonly baseUrl: string;
  readonly #http: AuthorizedHttp<EvohomeV2Session>;
  readonly #lifecycle = new ClientLifecycle('EvohomeV2Client', VENDOR);
  readonly #clock: Clock;
  #userId: string | undefined;

  constructor(options: EvohomeV2ClientOptions) {
    const resolved = resolveOptions(options, 'EvohomeV2Client');
    this.baseUrl = resolved.baseUrl;
    this.#clock = resolved.clock ?? systemClock;
    ({ manager: this.manager, http: this.#http } = createTransport(
      createEvohomeV2Strategy(strategyOptionsOf(resolved)),
      resolved,
      V2_BASE_PATH,
    ));
  }

  /** The account (`GET userAccount`). Its `userId` is remembered for {@link installation}. */
  async userAccount(signal?: AbortSignal): Promise<V2UserAccount> {
    this.#lifecycle.assertOpen();
    const account = await fetchUserAccount(this.#http, signal);
    this.#userId = account.userId;
    return account;
  }

  /** Configuration of every location: gateways, systems, zones, hot water, allowed modes. */
  async installation(signal?: AbortSignal): Promise<V2LocationInstallation[]> {
    this.#lifecycle.assertOpen();
    const userId = this.#userId ?? (await this.userAccount(signal)).userId;
    return fetchInstallation(this.#http, userId, signal);
  }

  /** Status of one location: temperatures, set points, system mode and active faults. Poll this. */
  async locationStatus(locationId: string | number, signal?: AbortSignal): Promise<V2LocationStatus> {
    this.#lifecycle.assertOpen();
    return fetchLocationStatus(this.#http, requireLocationId(locationId), signal);
  }

  /** Configuration of one location (`GET location/{id}/installationInfo`): its gateways, systems, zones and hot water. */
  async locationInstallation(
    locationId: string | number,
    signal?: AbortSignal,
  ): Promise<V2LocationInstallation> {
    this.#lifecycle.assertOpen();
    return fetchLocationInstallation(this.#http, requireLocationId(locationId), signal);
  }

  /** The account's gateways (`GET gateway`). */
  async gateways(signal?: AbortSignal): Promise<V2Gateway[]> {
    this.#lifecycle.assertOpen();
    return fetchGateways(this.#http, signal);
  }

  /** Status of one temperature control system: its mode, zones and hot water. */
  async systemStatus(systemId: string | number, signal?: AbortSignal): Promise<V2SystemStatus> {
    this.#lifecycle.assertOpen();
    return fetchSystemStatus(this.#http, requireId(systemId, 'systemId', '"3432522"'), signal);
  }

  /** Status of one zone: temperature, target and how it is set, faults. */
  async zoneStatus(zoneId: string | number, signal?: AbortSignal): Promise<V2ZoneStatus> {
    this.#lifecycle.assertOpen();
    return fetchZoneStatus(this.#http, requireId(zoneId, 'zoneId', '"3432576"'), signal);
  }

  /** Status of the hot water: temperature, on or off and how it is set, faults. */
  async hotWaterStatus(dhwId: string | number, signal?: AbortSignal): Promise<V2DhwStatus> {
    this.#lifecycle.assertOpen();
    return fetchDhwStatus(this.#http, requireId(dhwId, 'dhwId', '"3933910"'), signal);
  }

  /**
   * Sets the system mode, permanently or (with `until`) until then. Returns
   * the vendor's task id; {@link waitForTask} waits for the controller to confirm.
   */
  async setSystemMode(
    systemId: string | number,
    mode: EvohomeSystemMode,
    options?: EvohomeWriteOptions,
  ): Promise<string> {
    this.#lifecycle.assertOpen();
    const id = requireId(systemId, 'systemId', '"3432522"');
    const checked = requireOneOf(mode, V2_SYSTEM_MODES, 'mode');
    const { until, signal } = writeOptionsOf(options, 'setSystemMode', this.#clock.now());
    return putForTask(
      this.#http,
      `temperatureControlSystem/${id}/mode`,
      { SystemMode: checked, TimeUntil: until ?? null, Permanent: until === undefined },
      signal,
    );
  }

  /**
   * Overrides a zone's target: permanently, or (with `until`) until then,
   * when the schedule takes over again. Returns the task id.
   */
  async setZoneSetpoint(
    zoneId: string | number,
    temperature: number,
    options?: EvohomeWriteOptions,
  ): Promise<string> {
    this.#lifecycle.assertOpen();
    const id = requireId(zoneId, 'zoneId', '"3432576"');
    const value = requireSetpoint(temperature);
    const { until, signal } = writeOptionsOf(options, 'setZoneSetpoint', this.#clock.now());
    return putForTask(
      this.#http,
      `temperatureZone/${id}/heatSetpoint`,
      {
        SetpointMode: until === undefined ? 'PermanentOverride' : 'TemporaryOverride',
        HeatSetpointValue: value,
        TimeUntil: until ?? null,
      },
      signal,
    );
  }

  /** Ends a zone's override: it follows its schedule again. Returns the task id. */
  async cancelZoneOverride(zoneId: string | number, options?: EvohomeCancelOptions): Promise<string> {
    this.#lifecycle.assertOpen();
    const id = requireId(zoneId, 'zoneId', '"3432576"');
    const { signal } = writeOptionsOf(options, 'cancelZoneOverride', this.#clock.now(), false);
    return putForTask(
      this.#http,
      `temperatureZone/${id}/heatSetpoint`,
      { SetpointMode: 'FollowSchedule', HeatSetpointValue: 0, TimeUntil: null },
      signal,
    );
  }

  /** Switches hot water on or off, permanently or (with `until`) until then. Returns the task id. */
  async setHotWaterState(
    dhwId: string | number,
    state: EvohomeHotWaterState,
    options?: EvohomeWriteOptions,
  ): Promise<string> {
    this.#lifecycle.assertOpen();
    const id = requireId(dhwId, 'dhwId', '"3933910"');
    const checked = requireOneOf(state, ['On', 'Off'] as const, 'state');
    const { until, signal } = writeOptionsOf(options, 'setHotWaterState', this.#clock.now());
    return putForTask(
      this.#http,
      `domesticHotWater/${id}/state`,
      {
        Mode: until === undefined ? 'PermanentOverride' : 'TemporaryOverride',
        State: checked,
        UntilTime: until ?? null,
      },
      signal,
    );
  }

  /** Ends a hot-water override: it follows its schedule again. Returns the task id. */
  async cancelHotWaterOverride(dhwId: string | number, options?: EvohomeCancelOptions): Promise<string> {
    this.#lifecycle.assertOpen();
    const id = requireId(dhwId, 'dhwId', '"3933910"');
    const { signal } = writeOptionsOf(options, 'cancelHotWaterOverride', this.#clock.now(), false);
    return putForTask(
      this.#http,
      `domesticHotWater/${id}/state`,
      { Mode: 'FollowSchedule', State: '', UntilTime: null },
      signal,
    );
  }

  /** A zone's weekly schedule; `dailySchedules` may be empty for a zone that has none. */
  async zoneSchedule(zoneId: string | number, signal?: AbortSignal): Promise<V2Schedule> {
    this.#lifecycle.assertOpen();
    return fetchSchedule(this.#http, 'temperatureZone', requireId(zoneId, 'zoneId', '"3432576"'), signal);
  }

  /** Uploads a zone's weekly schedule (all seven days, as {@link zoneSchedule} returns it). Returns the task id. */
  async setZoneSchedule(
    zoneId: string | number,
    schedule: ZoneScheduleInput,
    options?: EvohomeCancelOptions,
  ): Promise<string> {
    this.#lifecycle.assertOpen();
    const id = requireId(zoneId, 'zoneId', '"3432576"');
    const body = scheduleBody(schedule, 'zone');
    const { signal } = writeOptionsOf(options, 'setZoneSchedule', this.#clock.now(), false);
    return putForTask(this.#http, `temperatureZone/${id}/schedule`, body, signal);
  }

  /** The hot water's weekly schedule. */
  async hotWaterSchedule(dhwId: string | number, signal?: AbortSignal): Promise<V2Schedule> {
    this.#lifecycle.assertOpen();
    return fetchSchedule(this.#http, 'domesticHotWater', requireId(dhwId, 'dhwId', '"3933910"'), signal);
  }

  /** Uploads the hot water's weekly schedule (all seven days). Returns the task id. */
  async setHotWaterSchedule(
    dhwId: string | number,
    schedule: HotWaterScheduleInput,
    options?: EvohomeCancelOptions,
  ): Promise<string> {
    this.#lifecycle.assertOpen();
    const id = requireId(dhwId, 'dhwId', '"3933910"');
    const body = scheduleBody(schedule, 'dhw');
    const { signal } = writeOptionsOf(options, 'setHotWaterSchedule', this.#clock.now(), false);
    return putForTask(this.#http, `domesticHotWater/${id}/schedule`, body, signal);
  }

  /** A task's state as the vendor reports it: `Created`, `Running`, `Succeeded` (or a failure). */
  async taskState(taskId: string, signal?: AbortSignal): Promise<string> {
    this.#lifecycle.assertOpen();
    return fetchV2TaskState(this.#http, requireId(taskId, 'taskId', '"1588314363"'), signal);
  }

  /**
   * Waits until a write's task has succeeded, polling every `intervalMs`
   * (1 s). Throws `EvohomeTaskFailedError` when it ends otherwise and
   * `EvohomeTaskTimeoutError` after `timeoutMs` (60 s).
   */
  async waitForTask(taskId: string, options: WaitForTaskOptions = {}): Promise<void> {
    this.#lifecycle.assertOpen();
    const id = requireId(taskId, 'taskId', '"1588314363"');
    const wait = checkWaitOptions(options, 'EvohomeV2Client');
    return waitForTask(id, (signal) => fetchV2TaskState(this.#http, id, signal), wait, this.#clock);
  }

  /**
   * An authorized call to any V2 endpoint this client does not wrap. `path`
   * is relative to the V2 API (`<baseUrl>/WebAPI/emea/api/v1/`), e.g.
   * `'location/2738909/status'`. The token is renewed once and the call
   * replayed when the vendor rejects it; failures are typed errors. The
   * response body is already read.
   */
  async request(path: string, init?: CallOptions): Promise<Response> {
    this.#lifecycle.assertOpen();
    return this.#http.request(path, init);
  }

  /** Stops background persistence. The stored tokens stay for the next run. Idempotent; later calls fail with `ClientClosedError`. */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.manager.close());
  }

  /** {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
