import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from '../constants.js';
import type { NavienCommand } from './mqtt-types.js';

/** Control command codes of the NWP500 (nwp500's `CommandCode`, documented in its MQTT protocol reference). */
export const CONTROL_COMMANDS = {
  powerOff: 33_554_433,
  powerOn: 33_554_434,
  dhwMode: 33_554_437,
  dhwTemperature: 33_554_464,
} as const;

/** DHW operation modes of `dhw-mode`: heat pump only, electric only, energy saver (hybrid), high demand, vacation. */
export const DHW_MODES = {
  heatPump: 1,
  electric: 2,
  energySaver: 3,
  highDemand: 4,
  vacation: 5,
} as const;

/** A DHW operation mode name of {@link DHW_MODES}. */
export type DhwMode = keyof typeof DHW_MODES;

/** `power-on` / `power-off` on the `ctrl` topic. */
export function powerCommand(on: boolean): NavienCommand {
  if (typeof on !== 'boolean')
    throw new ConfigurationError('setPower: `on` must be a boolean', { vendor: VENDOR });
  return {
    command: on ? CONTROL_COMMANDS.powerOn : CONTROL_COMMANDS.powerOff,
    topicSuffix: 'ctrl',
    mode: on ? 'power-on' : 'power-off',
  };
}

/**
 * `dhw-temperature`: the target in half degrees Celsius, as the device takes
 * it (60 °C is 120). The device enforces its own range (reported in its
 * feature info); this checks only that the value is a plausible water
 * temperature.
 */
export function dhwTemperatureCommand(celsius: number): NavienCommand {
  if (typeof celsius !== 'number' || !Number.isFinite(celsius) || celsius <= 0 || celsius >= 100) {
    throw new ConfigurationError(
      'setDhwTemperature: `celsius` must be a number between 0 and 100 (exclusive)',
      {
        vendor: VENDOR,
      },
    );
  }
  return {
    command: CONTROL_COMMANDS.dhwTemperature,
    topicSuffix: 'ctrl',
    mode: 'dhw-temperature',
    param: [Math.round(celsius * 2)],
  };
}

/** `dhw-mode`: vacation takes the number of days (1–30) as a second parameter. */
export function dhwModeCommand(mode: DhwMode, vacationDays?: number): NavienCommand {
  const id = Object.hasOwn(DHW_MODES, mode) ? DHW_MODES[mode] : undefined;
  if (id === undefined) {
    throw new ConfigurationError(`setDhwMode: \`mode\` must be one of ${Object.keys(DHW_MODES).join(', ')}`, {
      vendor: VENDOR,
    });
  }
  if (mode !== 'vacation')
    return { command: CONTROL_COMMANDS.dhwMode, topicSuffix: 'ctrl', mode: 'dhw-mode', param: [id] };
  if (!Number.isInteger(vacationDays) || (vacationDays ?? 0) < 1 || (vacationDays ?? 0) > 30) {
    throw new ConfigurationError('setDhwMode: vacation needs `vacationDays`, an integer from 1 to 30', {
      vendor: VENDOR,
    });
  }
  return {
    command: CONTROL_COMMANDS.dhwMode,
    topicSuffix: 'ctrl',
    mode: 'dhw-mode',
    param: [id, vacationDays as number],
  };
}
