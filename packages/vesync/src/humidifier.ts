import { tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { BypassV2Handle } from './bypass-v2-handle.js';
import type { DeviceCallOptions, DeviceHandleContext } from './device-handle.js';
import type { HumidifierMode, HumidifierModel } from './device-models.js';
import type { CheckedDevice } from './device-ref.js';

/**
 * `getHumidifierStatus` of the Classic / LV600S series. The fields the
 * handle reports are strict; the others are read tolerantly and every
 * unlisted field is kept.
 */
const humidifierStatusSchema = z.looseObject({
  enabled: z.boolean(),
  // Any string: a mode a newer firmware adds must not fail the read.
  mode: z.string(),
  mist_virtual_level: z.number().int(),
  mist_level: tolerant(z.number()),
  humidity: tolerant(z.number()),
  water_lacks: tolerant(z.boolean()),
  display: tolerant(z.boolean()),
  configuration: z.looseObject({ auto_target_humidity: z.number().int() }),
});

/** A humidifier's state, as `getHumidifierStatus` reports it. */
export interface HumidifierStatus {
  /** Powered on. */
  on: boolean;
  /** `manual`, `auto` or `sleep`; another string when a firmware reports a mode this SDK does not know. */
  mode: HumidifierMode | (string & {});
  /** The mist level set (`mist_virtual_level`, 1 = lowest). */
  mistLevel: number;
  /** The target humidity of auto mode, in %. */
  targetHumidity: number;
  /** The room's humidity in %, when reported. */
  humidity: number | undefined;
  /** The tank is empty, when reported. */
  waterLacks: boolean | undefined;
  /** The device's whole answer, every field as sent. */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * Commands and state of one humidifier of the Classic 200S/300S and LV600S
 * (LUH-A602S) series over bypassV2. Get one with {@link VeSync.humidifier}.
 * Arguments are checked against the model before any request (a
 * ConfigurationError names the bad one); the device's refusals are
 * `DeviceOfflineError`, `UnsupportedMethodError` or `VeSyncDeviceError`.
 */
export class VeSyncHumidifier {
  /** The device this handle drives. */
  readonly cid: string;
  /** What the model accepts. */
  readonly model: HumidifierModel;
  readonly #handle: BypassV2Handle;

  /** @internal Use {@link VeSync.humidifier}. */
  constructor(device: CheckedDevice, model: HumidifierModel, context: DeviceHandleContext) {
    this.#handle = new BypassV2Handle('humidifier', device, context);
    this.cid = device.cid;
    this.model = model;
  }

  /** Reads the humidifier's state (`getHumidifierStatus`). */
  async status(options?: DeviceCallOptions): Promise<HumidifierStatus> {
    const raw = await this.#handle.status('getHumidifierStatus', humidifierStatusSchema, options);
    return {
      on: raw.enabled,
      mode: raw.mode,
      mistLevel: raw.mist_virtual_level,
      targetHumidity: raw.configuration.auto_target_humidity,
      humidity: raw.humidity,
      waterLacks: raw.water_lacks,
      raw,
    };
  }

  /** Switches the humidifier on or off (`setSwitch`). */
  setPower(on: boolean, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.setPower(on, options);
  }

  /** Sets the mist level (`setVirtualLevel`). */
  setMistLevel(level: number, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.send(
      'setMistLevel',
      (args) => ({
        method: 'setVirtualLevel',
        data: { id: 0, level: args.choice(level, this.model.mistLevels, 'level'), type: 'mist' },
      }),
      options,
    );
  }

  /** Puts the humidifier in a mode the model has (`setHumidityMode`). */
  setMode(mode: HumidifierMode, options?: DeviceCallOptions): Promise<void> {
    return this.#handle.send(
      'setMode',
      (args) => ({ method: 'setHumidityMode', data: { mode: args.choice(mode, this.model.modes, 'mode') } }),
      options,
    );
  }

  /** Sets the target humidity of auto mode, in % (`setTargetHumidity`). */
  setTargetHumidity(percent: number, options?: DeviceCallOptions): Promise<void> {
    const { min, max } = this.model.targetHumidity;
    return this.#handle.send(
      'setTargetHumidity',
      (args) => ({
        method: 'setTargetHumidity',
        data: { target_humidity: args.integerIn(percent, min, max, 'percent') },
      }),
      options,
    );
  }
}
