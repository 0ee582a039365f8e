/** What a device answers inside a bypassV2 envelope: its own result code and result. */
export interface InnerAnswer {
  code: number;
  result: unknown;
}

/** The inner code real devices answer an unknown payload method or bad arguments with (tsvesync, pyvesync's table). */
export const PARAMETER_INVALID = 11000000;

/** A device refusing a method or its arguments. */
export const refused: InnerAnswer = { code: PARAMETER_INVALID, result: null };

/** Success of a command: the device answers an empty result. */
export const done = (): InnerAnswer => ({ code: 0, result: {} });

/**
 * One simulated device's behaviour: its state, what its bypassV2 methods
 * do, and what its V1 calls answer. A write changes the state, so the next
 * read (and the device list's `deviceStatus`) shows it.
 */
export interface DeviceBehaviour {
  /** Powered (or switched) on. */
  readonly on: boolean;
  /** Runs one bypassV2 payload method. */
  bypassV2(method: string, data: Record<string, unknown>): InnerAnswer;
  /** The `result` of `deviceDetail`. */
  detail(): Record<string, unknown>;
  /** A V1 call other than `deviceDetail` (e.g. the outlet's `deviceStatus`); `undefined` when the device has none. */
  v1(method: string, body: Record<string, unknown>): { ok: boolean } | undefined;
}

/** Fields every device's `deviceDetail` carries, from its list entry. */
export function baseDetail(entry: Record<string, unknown>, on: boolean): Record<string, unknown> {
  return {
    deviceName: entry.deviceName,
    deviceImg: entry.deviceImg ?? '',
    deviceStatus: on ? 'on' : 'off',
    connectionStatus: entry.connectionStatus ?? 'online',
    currentFirmVersion: entry.currentFirmVersion ?? null,
    activeTime: 0,
  };
}

/** A device of a class the simulator does not model: it refuses every bypass method. */
export class OpaqueDevice implements DeviceBehaviour {
  readonly #entry: Record<string, unknown>;

  constructor(entry: Record<string, unknown>) {
    this.#entry = entry;
  }

  get on(): boolean {
    return this.#entry.deviceStatus === 'on';
  }

  bypassV2(): InnerAnswer {
    return refused;
  }

  detail(): Record<string, unknown> {
    return baseDetail(this.#entry, this.on);
  }

  v1(): undefined {
    return undefined;
  }
}
