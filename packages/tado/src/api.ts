import {
  type AuthorizedHttp,
  type CallOptions,
  ConfigurationError,
  parseWithSchema,
} from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { VENDOR } from './constants.js';
import {
  type HomeRef,
  meWireSchema,
  overlaySchema,
  type TadoMe,
  type TadoSession,
  type Zone,
  type ZoneOverlay,
  type ZoneOverlayInput,
  type ZoneState,
  zoneSchema,
  zoneStateSchema,
  zoneStatesSchema,
} from './schemas.js';

/** Options every data call takes. */
export interface DataCallOptions {
  /** Abandons the call. */
  signal?: AbortSignal | undefined;
}

const zonesSchema = z.array(zoneSchema);

/** The wrapped tado REST calls (tado.md §3), on an authorized HTTP. */
export class TadoApi {
  readonly #http: AuthorizedHttp<TadoSession>;
  readonly #assertOpen: () => void;
  readonly #sessionHomes: () => readonly number[] | undefined;

  /** @internal Built by the client. */
  constructor(
    http: AuthorizedHttp<TadoSession>,
    assertOpen: () => void,
    sessionHomes: () => readonly number[] | undefined,
  ) {
    this.#http = http;
    this.#assertOpen = assertOpen;
    this.#sessionHomes = sessionHomes;
  }

  /**
   * `GET /me`: the user and their homes. tado answers `homes`, or only
   * `homeId`, or even `{}` (§3.1): `homes` is always filled, from whichever
   * came, else from the access token's `tado_homes` claim.
   */
  async me(options: DataCallOptions = {}): Promise<TadoMe> {
    this.#assertOpen();
    const wire = await this.#http.json('me', meWireSchema, call(options));
    let homes: HomeRef[] = wire.homes ?? (wire.homeId === undefined ? [] : [{ id: wire.homeId }]);
    if (homes.length === 0) homes = (this.#sessionHomes() ?? []).map((id) => ({ id }));
    return { ...wire, homes };
  }

  /** `GET /homes/{homeId}/zones`: the zones of a home. */
  async zones(homeId: number, options: DataCallOptions = {}): Promise<Zone[]> {
    this.#assertOpen();
    return this.#http.json(`homes/${id(homeId)}/zones`, zonesSchema, call(options));
  }

  /** `GET /homes/{homeId}/zoneStates`: every zone's state in one call, keyed by zone id. */
  async zoneStates(homeId: number, options: DataCallOptions = {}): Promise<Record<string, ZoneState>> {
    this.#assertOpen();
    return (await this.#http.json(`homes/${id(homeId)}/zoneStates`, zoneStatesSchema, call(options)))
      .zoneStates;
  }

  /** `GET /homes/{homeId}/zones/{zoneId}/state`: one zone's state. */
  async zoneState(homeId: number, zoneId: number, options: DataCallOptions = {}): Promise<ZoneState> {
    this.#assertOpen();
    return this.#http.json(`homes/${id(homeId)}/zones/${id(zoneId)}/state`, zoneStateSchema, call(options));
  }

  /**
   * `PUT /homes/{homeId}/zones/{zoneId}/overlay`: a manual setting over the
   * schedule. Returns the overlay tado sent back, or `undefined` when it
   * answered 204 (it has done both, §3.6).
   */
  async setZoneOverlay(
    homeId: number,
    zoneId: number,
    overlay: ZoneOverlayInput,
    options: DataCallOptions = {},
  ): Promise<ZoneOverlay | undefined> {
    this.#assertOpen();
    const path = `homes/${id(homeId)}/zones/${id(zoneId)}/overlay`;
    const response = await this.#http.request(path, { ...call(options), method: 'PUT', json: overlay });
    if (response.status === 204) return undefined;
    const text = await response.text();
    if (text.trim() === '') return undefined;
    return parseOverlay(text, path);
  }

  /** `DELETE /homes/{homeId}/zones/{zoneId}/overlay`: back to the schedule. */
  async deleteZoneOverlay(homeId: number, zoneId: number, options: DataCallOptions = {}): Promise<void> {
    this.#assertOpen();
    await this.#http.request(`homes/${id(homeId)}/zones/${id(zoneId)}/overlay`, {
      ...call(options),
      method: 'DELETE',
    });
  }
}

function parseOverlay(text: string, path: string): ZoneOverlay {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  return parseWithSchema(overlaySchema, value, `response of ${path}`, VENDOR);
}

function call(options: DataCallOptions): CallOptions {
  return options.signal === undefined ? {} : { signal: options.signal };
}

// Ids go into paths: only whole numbers, so nothing else can be injected into the URL.
function id(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConfigurationError(`tado ids are whole numbers, got ${String(value)}`, { vendor: VENDOR });
  }
  return String(value);
}
