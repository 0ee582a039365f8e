import {
  AuthorizedHttp,
  type CallOptions,
  type Clock,
  ConfigurationError,
  ErrorCodes,
  isTokenwiseError,
  type SessionManager,
} from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import type { AccountState } from './account-state.js';
import { HUB_API_VERSION, LAN_RETRY_INTERVAL_MS } from './constants.js';
import {
  type CozifyDeviceStateChange,
  checkDeviceCommands,
  checkStateChange,
  type HubDeviceCommand,
} from './device-commands.js';
import { type CozifyDevice, devicesSchema } from './device-schemas.js';
import { cozifyErrorMapper } from './errors.js';
import { discoverLanHubs, hubLanUrl, type LanDiscoveryOptions, probeHub } from './hub-discovery.js';
import { type CozifyScene, scenesSchema } from './scene-schemas.js';
import {
  type CozifyHubInfo,
  type CozifyHubSession,
  type CozifyHubState,
  hubInfoSchema,
  timeZoneSchema,
} from './schemas.js';

/** Where a hub call went. */
export type HubRoute = 'lan' | 'remote';

/** Everything a {@link CozifyHub} is wired to; built by the client. */
export interface HubWiring {
  hubId: string;
  state: AccountState;
  /** The hub key's manager; its strategy authorizes both routes. */
  manager: SessionManager<CozifyHubSession>;
  /** The cloud relay's base, `<cloud>/hub/remote`. */
  relayBaseUrl: string;
  discovery: LanDiscoveryOptions;
  clock: Clock;
  /** Deadline of one relayed call (the client's `timeoutMs`). */
  timeoutMs: number | undefined;
  /** Runs before every call (the cloud token's refresh window). */
  beforeCall(): Promise<void>;
}

/** One exchange with a hub over either route's HTTP client. */
type Exchange<T> = (http: AuthorizedHttp<CozifyHubSession>, path: string) => Promise<T>;

type LanAttempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * One hub. Calls go to the hub on the LAN when it answers there, and through
 * the cloud relay (`X-Hub-Key`) otherwise. When the LAN stops answering, the
 * hub's address is looked up again (DHCP moves hubs), then — with autoremote —
 * calls switch to the relay; the LAN is tried again at most once a minute and
 * used as soon as the hub answers there.
 */
export class CozifyHub {
  /** The hub id. */
  readonly id: string;
  /** The hub key's session manager, for its events and stats. */
  readonly manager: SessionManager<CozifyHubSession>;
  readonly #w: HubWiring;
  readonly #lanHttp = new Map<string, AuthorizedHttp<CozifyHubSession>>();
  readonly #remoteHttp: AuthorizedHttp<CozifyHubSession>;
  #lanDownAt: number | undefined;
  #route: HubRoute | undefined;

  /** @internal Built by the client: use `cozify.hub(idOrName)`. */
  constructor(wiring: HubWiring) {
    this.id = wiring.hubId;
    this.manager = wiring.manager;
    this.#w = wiring;
    this.#remoteHttp = new AuthorizedHttp({
      manager: wiring.manager,
      baseUrl: wiring.relayBaseUrl,
      fetch: wiring.discovery.fetch,
      timeoutMs: wiring.timeoutMs,
      mapError: cozifyErrorMapper('remote'),
    });
  }

  /** The route of the last successful call, `undefined` before the first. */
  get route(): HubRoute | undefined {
    return this.#route;
  }

  /** What is known about the hub (name, LAN address, remote flags). */
  async state(): Promise<CozifyHubState> {
    const hub = await this.#w.state.hub(this.id);
    if (!hub) throw unknownHub(this.id);
    return hub;
  }

  /** The devices on the hub, by id. */
  devices(signal?: AbortSignal): Promise<Record<string, CozifyDevice>> {
    return this.#send('devices', devicesSchema, withSignal({}, signal));
  }

  /** One device by id, `undefined` when the hub has none by that id (`GET devices`). */
  async device(id: string, signal?: AbortSignal): Promise<CozifyDevice | undefined> {
    const checked = checkId(id, 'hub.device(id)');
    return (await this.devices(signal))[checked];
  }

  /** Switches a device on (`CMD_DEVICE_ON`); the next {@link devices} read shows `state.isOn: true`. */
  async deviceOn(id: string, signal?: AbortSignal): Promise<void> {
    await this.command([{ id: checkId(id, 'hub.deviceOn(id)'), type: 'CMD_DEVICE_ON' }], signal);
  }

  /** Switches a device off (`CMD_DEVICE_OFF`). */
  async deviceOff(id: string, signal?: AbortSignal): Promise<void> {
    await this.command([{ id: checkId(id, 'hub.deviceOff(id)'), type: 'CMD_DEVICE_OFF' }], signal);
  }

  /**
   * Changes a device's state (`CMD_DEVICE`): brightness, colour temperature,
   * hue and saturation, power… `state.type` must be the device's state type;
   * fields left out or `null` keep their value.
   */
  async setDeviceState(id: string, state: CozifyDeviceStateChange, signal?: AbortSignal): Promise<void> {
    const checkedId = checkId(id, 'hub.setDeviceState(id)');
    const change = checkStateChange(state, 'hub.setDeviceState(state)');
    await this.command([{ id: checkedId, type: 'CMD_DEVICE', state: change }], signal);
  }

  /** The scenes on the hub, by id (`GET scenes`). */
  scenes(signal?: AbortSignal): Promise<Record<string, CozifyScene>> {
    return this.#send('scenes', scenesSchema, withSignal({}, signal));
  }

  /** Activates a scene (`PUT scenes/command` with `CMD_SCENE_ON`); the next {@link scenes} read shows `isOn: true`. */
  async sceneOn(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('scenes/command', [{ id: checkId(id, 'hub.sceneOn(id)'), type: 'CMD_SCENE_ON' }], signal);
  }

  /** Deactivates a scene (`CMD_SCENE_OFF`). */
  async sceneOff(id: string, signal?: AbortSignal): Promise<void> {
    await this.call(
      'scenes/command',
      [{ id: checkId(id, 'hub.sceneOff(id)'), type: 'CMD_SCENE_OFF' }],
      signal,
    );
  }

  /** The hub's time zone (e.g. `Europe/Helsinki`); the cheapest authenticated hub call. */
  tz(signal?: AbortSignal): Promise<string> {
    return this.#send('hub/tz', timeZoneSchema, withSignal({}, signal));
  }

  /**
   * Sends device commands (`PUT devices/command`, a JSON array of
   * `{id, type[, state]}`) and returns the hub's reply. Malformed commands
   * (no id or type, a `CMD_DEVICE` without a state naming its `type`) are a
   * `ConfigurationError` before anything is sent.
   */
  async command(commands: readonly HubDeviceCommand[], signal?: AbortSignal): Promise<unknown> {
    return this.call('devices/command', checkDeviceCommands(commands, 'hub.command'), signal);
  }

  /**
   * Any hub API call under `/cc/<ver>/`: a GET without `body`, a PUT with a
   * JSON `body` (Cozify's hub API uses PUT for writes). Returns the parsed JSON.
   */
  async call(path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const options: CallOptions = body === undefined ? {} : { method: 'put', json: body };
    return this.#send(checkPath(path, 'hub.call(path)'), z.unknown(), withSignal(options, signal));
  }

  /** True when the hub answers an authenticated call on either route (renewing its key if needed). */
  async ping(signal?: AbortSignal): Promise<boolean> {
    try {
      await this.tz(signal);
      return true;
    } catch (error) {
      if (isTokenwiseError(error) && error.code !== ErrorCodes.OtpRequiredError) return false;
      throw error;
    }
  }

  /** The hub's own description, read through the cloud relay (works wherever the hub is). */
  async remoteInfo(signal?: AbortSignal): Promise<CozifyHubInfo> {
    return this.#remoteHttp.json('hub', hubInfoSchema, withSignal({}, signal));
  }

  /**
   * An authorized call to any hub API path under `/cc/<ver>/`, on the same
   * route as every other call (LAN, else the cloud relay): resolves to the
   * `Response` (body already read, readable once); failures are typed errors.
   */
  async request(path: string, init: CallOptions = {}): Promise<Response> {
    return this.#send(checkPath(path, 'hub.request(path)'), (http, full) => http.request(full, init));
  }

  #send<T>(path: string, schema: z.ZodType<T>, options: CallOptions): Promise<T>;
  #send<T>(path: string, exchange: Exchange<T>): Promise<T>;
  async #send<T>(path: string, how: z.ZodType<T> | Exchange<T>, options: CallOptions = {}): Promise<T> {
    const exchange: Exchange<T> =
      typeof how === 'function' ? how : (http, full) => http.json(full, how, options);
    await this.#w.beforeCall();
    const hub = await this.state();
    if (!hub.remote) {
      const lan = await this.#tryLan(hub, `${apiPath()}/${path}`, exchange);
      if (lan.ok) return lan.value;
      if (!hub.autoremote) {
        throw (
          lan.error ??
          new ConfigurationError(
            `Hub ${this.id} has no known LAN address and autoremote is off; enable remote or autoremote`,
            { vendor: 'cozify' },
          )
        );
      }
    }
    const value = await exchange(this.#remoteHttp, `${apiPath()}/${path}`);
    this.#route = 'remote';
    return value;
  }

  async #tryLan<T>(hub: CozifyHubState, path: string, exchange: Exchange<T>): Promise<LanAttempt<T>> {
    const now = this.#w.clock.now();
    if (this.#lanDownAt !== undefined && now - this.#lanDownAt < LAN_RETRY_INTERVAL_MS) {
      return { ok: false, error: undefined };
    }
    let host = hub.host;
    // Coming back from the relay: a quick unauthenticated probe, not a long authenticated timeout.
    if (host !== undefined && this.#lanDownAt !== undefined) {
      const info = await probeHub(this.#w.discovery, host);
      if (info?.hubId !== this.id) host = undefined;
    }
    let error: unknown;
    if (host !== undefined) {
      const attempt = await this.#lanCall(host, path, exchange);
      if (attempt.ok) return attempt;
      error = attempt.error;
    }
    // The hub may have a new address (DHCP): ask the cloud and the LAN again.
    const found = (await discoverLanHubs(this.#w.discovery)).get(this.id);
    if (found && found.ip !== host) {
      await this.#w.state.patchHub(this.id, { host: found.ip, name: found.name });
      const attempt = await this.#lanCall(found.ip, path, exchange);
      if (attempt.ok) return attempt;
      error = attempt.error;
    }
    this.#lanDownAt = this.#w.clock.now();
    return { ok: false, error };
  }

  async #lanCall<T>(host: string, path: string, exchange: Exchange<T>): Promise<LanAttempt<T>> {
    try {
      const value = await exchange(this.#lan(host), path);
      this.#lanDownAt = undefined;
      this.#route = 'lan';
      return { ok: true, value };
    } catch (error) {
      if (isTokenwiseError(error, ErrorCodes.NetworkError)) return { ok: false, error };
      throw error;
    }
  }

  #lan(host: string): AuthorizedHttp<CozifyHubSession> {
    let http = this.#lanHttp.get(host);
    if (!http) {
      http = new AuthorizedHttp({
        manager: this.#w.manager,
        baseUrl: hubLanUrl(host, this.#w.discovery.hubPort),
        fetch: this.#w.discovery.fetch,
        // A LAN hub answers fast or not at all; the relay is the fallback, not patience.
        timeoutMs: 5_000,
        retries: 1,
        mapError: cozifyErrorMapper('hub'),
      });
      this.#lanHttp.set(host, http);
    }
    return http;
  }
}

/** A hub API path without leading slashes, or a `ConfigurationError` naming the method. */
function checkPath(path: unknown, method: string): string {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ConfigurationError(`${method}: \`path\` must be a non-empty string`, { vendor: 'cozify' });
  }
  return path.replace(/^\/+/, '');
}

function checkId(id: unknown, method: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new ConfigurationError(`${method}: \`id\` must be a non-empty device id`, { vendor: 'cozify' });
  }
  return id;
}

function apiPath(): string {
  return `cc/${HUB_API_VERSION}`;
}

function withSignal(options: CallOptions, signal: AbortSignal | undefined): CallOptions {
  return signal ? { ...options, signal } : options;
}

/** The error for a hub id or name this account does not know. */
export function unknownHub(idOrName: string): ConfigurationError {
  return new ConfigurationError(
    `Unknown Cozify hub "${idOrName}": run authenticate() or discoverHubs() to learn the account's hubs`,
    { vendor: 'cozify' },
  );
}
