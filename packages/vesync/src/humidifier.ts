import { z } from 'zod';
import { checkChoice, checkIntegerIn, checkSwitch } from './device-arguments.js';
import { type DeviceCallOptions, type DeviceHandleContext, signalOf } from './device-handle.js';
import type { HumidifierMode, HumidifierModel } from './device-models.js';
import type { CheckedDevice } from './device-ref.js';
import { tolerant } from './tolerant.js';

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
  readonly #device: CheckedDevice;
  readonly #context: DeviceHandleContext;

  /** @internal Use {@link VeSync.humidifier}. */
  constructor(device: CheckedDevice, model: HumidifierModel, context: DeviceHandleContext) {
    this.#device = device;
    this.cid = device.cid;
    this.model = model;
    this.#context = context;
  }

  /** Reads the humidifier's state (`getHumidifierStatus`). */
  status(options?: DeviceCallOptions): Promise<HumidifierStatus> {
    return this.#context.run(async () => {
      const signal = signalOf(options, 'humidifier.status()');
      const raw = await this.#context.calls.bypassV2Parsed(
        this.#device,
        { method: 'getHumidifierStatus', source: 'APP', data: {} },
        humidifierStatusSchema,
        signal,
      );
      return {
        on: raw.enabled,
        mode: raw.mode,
        mistLevel: raw.mist_virtual_level,
        targetHumidity: raw.configuration.auto_target_humidity,
        humidity: raw.humidity,
        waterLacks: raw.water_lacks,
        raw,
      };
    });
  }

  /** Switches the humidifier on or off (`setSwitch`). */
  setPower(on: boolean, options?: DeviceCallOptions): Promise<void> {
    return this.#send(
      'setPower',
      () => ({
        method: 'setSwitch',
        data: { enabled: checkSwitch(on, 'humidifier.setPower() `on`'), id: 0 },
      }),
      options,
    );
  }

  /** Sets the mist level (`setVirtualLevel`). */
  setMistLevel(level: number, options?: DeviceCallOptions): Promise<void> {
    return this.#send(
      'setMistLevel',
      () => ({
        method: 'setVirtualLevel',
        data: {
          id: 0,
          level: checkChoice(
            level,
            this.model.mistLevels,
            'humidifier.setMistLevel() `level`',
            this.#device.deviceType,
          ),
          type: 'mist',
        },
      }),
      options,
    );
  }

  /** Puts the humidifier in a mode the model has (`setHumidityMode`). */
  setMode(mode: HumidifierMode, options?: DeviceCallOptions): Promise<void> {
    return this.#send(
      'setMode',
      () => ({
        method: 'setHumidityMode',
        data: {
          mode: checkChoice(mode, this.model.modes, 'humidifier.setMode() `mode`', this.#device.deviceType),
        },
      }),
      options,
    );
  }

  /** Sets the target humidity of auto mode, in % (`setTargetHumidity`). */
  setTargetHumidity(percent: number, options?: DeviceCallOptions): Promise<void> {
    const { min, max } = this.model.targetHumidity;
    return this.#send(
      'setTargetHumidity',
      () => ({
        method: 'setTargetHumidity',
        data: {
          target_humidity: checkIntegerIn(
            percent,
            min,
            max,
            'humidifier.setTargetHumidity() `percent`',
            this.#device.deviceType,
          ),
        },
      }),
      options,
    );
  }

  #send(
    name: string,
    build: () => { method: string; data: object },
    options: DeviceCallOptions | undefined,
  ): Promise<void> {
    return this.#context.run(async () => {
      // Arguments first: a bad one must not cost a login or a request.
      const payload = build();
      const signal = signalOf(options, `humidifier.${name}()`);
      await this.#context.calls.bypassV2(this.#device, { ...payload, source: 'APP' }, signal);
    });
  }
}
