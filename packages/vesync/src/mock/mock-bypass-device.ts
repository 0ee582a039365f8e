import { baseDetail, type DeviceBehaviour, done, type InnerAnswer, refused } from './mock-device.js';

/** The payload methods a {@link MockBypassDevice} answers itself, by device class. */
export interface BypassDeviceMethods {
  /** Reads the state (e.g. `getPurifierStatus`). */
  status: string;
  /** Sets `data.mode` to one of the model's modes (e.g. `setPurifierMode`). */
  mode: string;
}

/**
 * What the simulated bypassV2 appliances (purifier, humidifier) share: power,
 * mode and display state, the status read, `setSwitch`, the mode method and
 * `setDisplay`. A subclass answers its other methods in {@link command}.
 */
export abstract class MockBypassDevice<M extends { readonly modes: readonly string[] }>
  implements DeviceBehaviour
{
  on: boolean;
  mode = 'manual';
  display = true;
  /** What the model accepts. */
  protected readonly model: M;
  readonly #entry: Record<string, unknown>;
  readonly #methods: BypassDeviceMethods;

  constructor(entry: Record<string, unknown>, model: M, methods: BypassDeviceMethods) {
    this.#entry = entry;
    this.model = model;
    this.#methods = methods;
    this.on = entry.deviceStatus === 'on';
  }

  bypassV2(method: string, data: Record<string, unknown>): InnerAnswer {
    switch (method) {
      case this.#methods.status:
        return { code: 0, result: this.status() };
      case 'setSwitch':
        if (typeof data.enabled !== 'boolean') return refused;
        this.on = data.enabled;
        return done();
      case this.#methods.mode:
        if (!this.model.modes.includes(data.mode as never)) return refused;
        this.mode = data.mode as string;
        return done();
      case 'setDisplay':
        if (typeof data.state !== 'boolean') return refused;
        this.display = data.state;
        return done();
      default:
        return this.command(method, data);
    }
  }

  detail(): Record<string, unknown> {
    return baseDetail(this.#entry, this.on);
  }

  v1(): undefined {
    return undefined;
  }

  /** The `result` of the status method, in the device's recorded shape. */
  protected abstract status(): Record<string, unknown>;

  /** Runs a payload method the base does not answer; `refused` for one the device lacks. */
  protected abstract command(method: string, data: Record<string, unknown>): InnerAnswer;
}
