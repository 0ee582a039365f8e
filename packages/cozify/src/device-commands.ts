import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

/**
 * A state change of `CMD_DEVICE`, as python-cozify sends it: the device's
 * state `type` (required: it tells the hub how to read the rest) and the
 * fields to change. A field that is `null` or left out keeps its value —
 * python-cozify sends every other field as `null`.
 */
export interface CozifyDeviceStateChange {
  /** The device's `state.type`, e.g. `STATE_LIGHT`. */
  type: string;
  isOn?: boolean | null;
  /** 0 to 1. */
  brightness?: number | null;
  /** `ct` with `temperature`, `hs` with `hue` and `saturation`. */
  colorMode?: string | null;
  /** Radians, 0 to 2π. */
  hue?: number | null;
  /** 0 to 1. */
  saturation?: number | null;
  /** Kelvin, within the light's `minTemperature`–`maxTemperature`. */
  temperature?: number | null;
  /** Fade time in ms. */
  transitionMsec?: number | null;
  /** Other fields of the device's state. */
  [field: string]: unknown;
}

/** One device command of `PUT devices/command`. */
export interface HubDeviceCommand {
  id: string;
  type: 'CMD_DEVICE_ON' | 'CMD_DEVICE_OFF' | 'CMD_DEVICE' | (string & {});
  /** Required by `CMD_DEVICE`: the change, with the device's state `type`. */
  state?: CozifyDeviceStateChange | Record<string, unknown>;
}

/**
 * Checks commands before they are sent, so a malformed one is a
 * `ConfigurationError` naming it instead of a hub 400: a JSON array of
 * `{id, type[, state]}` where `CMD_DEVICE` carries a state with its `type`.
 */
export function checkDeviceCommands(commands: unknown, method: string): readonly HubDeviceCommand[] {
  if (!Array.isArray(commands) || commands.length === 0) {
    throw new ConfigurationError(`${method}: commands must be a non-empty array`, { vendor: VENDOR });
  }
  commands.forEach((command: unknown, index) => {
    const where = `${method}: commands[${index}]`;
    const record = isRecord(command) ? command : undefined;
    if (typeof record?.id !== 'string' || record.id.trim() === '') {
      throw new ConfigurationError(`${where}.id must be a non-empty string`, { vendor: VENDOR });
    }
    if (typeof record.type !== 'string' || record.type.trim() === '') {
      throw new ConfigurationError(`${where}.type must be a command type such as CMD_DEVICE_ON`, {
        vendor: VENDOR,
      });
    }
    if (record.state !== undefined || record.type === 'CMD_DEVICE')
      checkStateChange(record.state, `${where}.state`);
  });
  return commands as HubDeviceCommand[];
}

/** A state change must be an object naming the device's state `type`. */
export function checkStateChange(state: unknown, where: string): CozifyDeviceStateChange {
  if (!isRecord(state) || typeof state.type !== 'string' || state.type.trim() === '') {
    throw new ConfigurationError(
      `${where} must be an object with the device's state type (e.g. STATE_LIGHT)`,
      {
        vendor: VENDOR,
      },
    );
  }
  return state as CozifyDeviceStateChange;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
