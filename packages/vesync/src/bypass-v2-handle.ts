import type { z } from 'zod';
import { type CommandArguments, commandArguments } from './device-arguments.js';
import { type DeviceCallOptions, type DeviceHandleContext, signalOf } from './device-handle.js';
import type { CheckedDevice } from './device-ref.js';

/** A command a typed handle sends: the payload method and its data (`source` is added). */
export interface BypassV2Command {
  method: string;
  data: object;
}

/**
 * What the typed bypassV2 handles (purifier, humidifier) share: reading the
 * device's status method, sending commands with their arguments checked
 * first, and the power switch every such device takes. Calls are named
 * `<kind>.<method>()` in messages, as the public handle's methods are.
 */
export class BypassV2Handle {
  readonly #kind: string;
  readonly #device: CheckedDevice;
  readonly #context: DeviceHandleContext;

  constructor(kind: string, device: CheckedDevice, context: DeviceHandleContext) {
    this.#kind = kind;
    this.#device = device;
    this.#context = context;
  }

  /** Calls the status `method` (no data) and resolves its result parsed with `schema`. */
  status<T>(method: string, schema: z.ZodType<T>, options: DeviceCallOptions | undefined): Promise<T> {
    return this.#context.run(async () => {
      const signal = signalOf(options, `${this.#kind}.status()`);
      return this.#context.calls.bypassV2Parsed(
        this.#device,
        { method, source: 'APP', data: {} },
        schema,
        signal,
      );
    });
  }

  /**
   * Sends the command `build` makes for the handle's method `name`. `build`
   * checks the arguments through the {@link CommandArguments} it is given.
   */
  send(
    name: string,
    build: (args: CommandArguments) => BypassV2Command,
    options: DeviceCallOptions | undefined,
  ): Promise<void> {
    return this.#context.run(async () => {
      const owner = `${this.#kind}.${name}()`;
      // Arguments first: a bad one must not cost a login or a request.
      const payload = build(commandArguments(owner, this.#device.deviceType));
      const signal = signalOf(options, owner);
      await this.#context.calls.bypassV2(this.#device, { ...payload, source: 'APP' }, signal);
    });
  }

  /** Switches the device on or off (`setSwitch`), the handle's `setPower()`. */
  setPower(on: boolean, options: DeviceCallOptions | undefined): Promise<void> {
    return this.send(
      'setPower',
      (args) => ({ method: 'setSwitch', data: { enabled: args.switch(on, 'on'), id: 0 } }),
      options,
    );
  }
}
