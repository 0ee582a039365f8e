import { tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { BypassV2Handle } from './bypass-v2-handle.js';
import type { DeviceCallOptions, DeviceHandleContext } from './device-handle.js';
import type { PurifierMode, PurifierModel } from './device-models.js';
import type { CheckedDevice } from './device-ref.js';

/**
 * `getPurifierStatus` of the Core series. The fields the handle reports are
 * strict; the others are read tolerantly and every unlisted field is kept.
 */
const purifierStatusSchema = z.looseObject({
  enabled: z.boolean(),
  // Any string: a mode a newer firmware adds must not fail the read.
  mode: z.string(),
  level: z.number().int(),
  child_lock: z.boolean(),
  display: z.boolean(),
  filter_life: tolerant(z.number()),
  air_quality: tolerant(z.number()),
  air_quality_value: tolerant(z.number()),
  device_error_code: tolerant(z.number()),
});

/** A Core series purifier's state, as `getPurifierStatus` reports it. */
export interface PurifierStatus {
  /** Powered on. */
  on: boolean;
  /** `manual`, `auto` or `sleep`; another string when a firmware reports a mode this SDK does not know. */
  mode: PurifierMode | (string & {});
  /** The fan level (1 = lowest). */
  fanLevel: number;
  childLock: boolean;
  /** The display is on. */
  display: boolean;
  /** Filter life left, in %, when reported. */
  filterLife: number | undefined;
  /** Air quality index (1 = very good … 4 = poor), when reported. */
  airQuality: number | undefined;
  /** The device's whole answer, every field as sent. */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * Commands and state of one Core series air purifier (Core 200S/300S/400S/600S)
 * over bypassV2. Get one with {@link VeSync.purifier}. Arguments are checked
 * against the model before any request (a ConfigurationError names the bad
 * one); the device's refusals are `DeviceOfflineError`, `UnsupportedMethodError`
 * or `VeSyncDeviceError`.
 */
export class VeSyncPurifier {
  /** The device this handle drives. */
  readonly cid: string;
  /** What the model accepts. */
  readonly model: PurifierModel;
  readonly #handle: BypassV2Handle;

  /** @internal Use {@link VeSync.purifier}. */
  constructor(device: CheckedDevice, model: PurifierModel, context: DeviceHandleContext) {
    this.#handle = new BypassV2Handle('purifier', device, context);
    this.cid = device.cid;
    this.model = model;
  }

  /** Reads the purifier's state (`getPurifierStatus`). */
  async status(options?: DeviceCallOptions): Promise<PurifierStatus> {
    const raw = await this.#handle.status('getPurifierStatus', purifierStatusSchema, options);
    return {
      on: raw.enabled,
      mode: raw.mode,
      fanLevel: raw.level,
      childLock: raw.child_lock,
      display: raw.display,
      filterLife: raw.filter_life,
      airQuality: raw.air_quality,
      raw,
    };
  }

  /** Switches the purifier on or off (`setSwitch`). */
  setPower(on: boolean, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.setPower(on, options);
  }

  /**
   * Puts the purifier in a mode the model has. `auto` and `sleep` are
   * `setPurifierMode`; `manual` is entered by setting a fan level, as the
   * app and pyvesync do: the lowest one (call {@link setFanLevel} for another).
   */
  setMode(mode: PurifierMode, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.send(
      'setMode',
      (args) =>
        args.choice(mode, this.model.modes, 'mode') === 'manual'
          ? { method: 'setLevel', data: { id: 0, level: this.model.fanLevels[0] ?? 1, type: 'wind' } }
          : { method: 'setPurifierMode', data: { mode } },
      options,
    );
  }

  /** Sets the fan level (`setLevel`; the purifier goes to manual mode). */
  setFanLevel(level: number, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.send(
      'setFanLevel',
      (args) => ({
        method: 'setLevel',
        data: { id: 0, level: args.choice(level, this.model.fanLevels, 'level'), type: 'wind' },
      }),
      options,
    );
  }

  /** Locks or unlocks the buttons (`setChildLock`). */
  setChildLock(on: boolean, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.send(
      'setChildLock',
      (args) => ({ method: 'setChildLock', data: { child_lock: args.switch(on, 'on') } }),
      options,
    );
  }

  /** Turns the display on or off (`setDisplay`). */
  setDisplay(on: boolean, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.send(
      'setDisplay',
      (args) => ({ method: 'setDisplay', data: { state: args.switch(on, 'on') } }),
      options,
    );
  }
}
