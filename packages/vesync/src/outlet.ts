import { ConfigurationError, parseWithSchema, tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { VENDOR } from './constants.js';
import { checkSwitch } from './device-arguments.js';
import { type DeviceCallOptions, type DeviceHandleContext, signalOf } from './device-handle.js';
import type { CheckedDevice } from './device-ref.js';

/**
 * The 15A outlet's `deviceDetail` result. `deviceStatus` and `energy` are
 * interpreted (strict); the rest is read tolerantly and every unlisted field is kept.
 */
const outletDetailSchema = z.looseObject({
  // Any string: `on` means on; a state this SDK does not know reads as not on.
  deviceStatus: z.string(),
  energy: z.number().nullable().optional(),
  connectionStatus: tolerant(z.string()),
  power: tolerant(z.union([z.number(), z.string()])),
  voltage: tolerant(z.union([z.number(), z.string()])),
  activeTime: tolerant(z.number()),
});

/** An outlet's state, as `deviceDetail` reports it. */
export interface OutletStatus {
  /** Switched on. */
  on: boolean;
  /** Energy used today, in kWh (the detail's `energy`; 0 when the outlet reports none). */
  energyToday: number;
  /** Power drawn now, in W, when reported as a number. */
  power: number | undefined;
  /** Mains voltage, in V, when reported as a number. */
  voltage: number | undefined;
  /** The device's whole answer, every field as sent. */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * Power and energy of one 15A WiFi outlet (ESW15-USA) over the V1 calls
 * (`deviceStatus`, `deviceDetail`). Get one with {@link VeSync.outlet}.
 * Errors: `DeviceOfflineError` when the outlet is not connected, and the
 * client's usual errors.
 */
export class VeSyncOutlet {
  /** The device this handle drives. */
  readonly cid: string;
  readonly #device: CheckedDevice;
  readonly #context: DeviceHandleContext;

  /** @internal Use {@link VeSync.outlet}. */
  constructor(device: CheckedDevice, context: DeviceHandleContext) {
    if (device.uuid === undefined) {
      throw new ConfigurationError(
        'outlet(): device `uuid` must be a non-empty string (the V1 calls need it)',
        {
          vendor: VENDOR,
        },
      );
    }
    this.#device = device;
    this.cid = device.cid;
    this.#context = context;
  }

  /** Reads the outlet's state (`deviceDetail`). */
  status(options?: DeviceCallOptions): Promise<OutletStatus> {
    return this.#context.run(async () => {
      const signal = signalOf(options, 'outlet.status()');
      const data = parseWithSchema(
        outletDetailSchema,
        await this.#context.calls.v1(this.#device, 'deviceDetail', {}, signal),
        'result of deviceDetail',
        VENDOR,
      );
      return {
        on: data.deviceStatus === 'on',
        energyToday: data.energy ?? 0,
        power: typeof data.power === 'number' ? data.power : undefined,
        voltage: typeof data.voltage === 'number' ? data.voltage : undefined,
        raw: data,
      };
    });
  }

  /** Energy used today, in kWh: {@link status}'s `energyToday`. */
  async energyToday(options?: DeviceCallOptions): Promise<number> {
    return (await this.status(options)).energyToday;
  }

  /** Switches the outlet on or off (`deviceStatus`). */
  setPower(on: boolean, options?: DeviceCallOptions): Promise<void> {
    return this.#context.run(async () => {
      const status = checkSwitch(on, 'outlet.setPower() `on`') ? 'on' : 'off';
      const signal = signalOf(options, 'outlet.setPower()');
      await this.#context.calls.v1(this.#device, 'deviceStatus', { status }, signal);
    });
  }
}
