import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

/** System modes of the V2 API (`temperatureControlSystem/{id}/mode`). */
export const V2_SYSTEM_MODES = [
  'Auto',
  'AutoWithEco',
  'AutoWithReset',
  'Away',
  'Custom',
  'DayOff',
  'HeatingOff',
] as const;

/** A V2 system mode. Which ones a system allows is in its `allowedSystemModes` (installation). */
export type EvohomeSystemMode = (typeof V2_SYSTEM_MODES)[number];

/** System modes of the V1 API (`QuickAction` of `evoTouchSystems`). */
export const V1_SYSTEM_MODES = ['Auto', 'AutoWithEco', 'Away', 'Custom', 'DayOff', 'HeatingOff'] as const;

/** A V1 system mode (`QuickAction`). */
export type EvohomeV1SystemMode = (typeof V1_SYSTEM_MODES)[number];

/** What hot water can be switched to. */
export type EvohomeHotWaterState = 'On' | 'Off';

/** Lowest and highest zone set point an evohome controller takes, °C. */
export const SETPOINT_RANGE = { min: 5, max: 35 } as const;

/** Days of a weekly schedule, in the vendor's order. */
export const SCHEDULE_DAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** Most switchpoints a day takes (the controllers' `maxSwitchpointsPerDay`). */
export const MAX_SWITCHPOINTS_PER_DAY = 6;

function refuse(message: string): never {
  throw new ConfigurationError(message, { vendor: VENDOR });
}

/**
 * An id for a URL: V2 ids are strings of digits, V1 ids numbers; both are
 * taken either way. Anything else would build a wrong URL.
 */
export function requireId(value: unknown, name: string, example: string): string {
  const id = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (typeof id !== 'string' || !/^\d{1,12}$/.test(id)) {
    refuse(`evohome \`${name}\` must be a string of digits or a whole number (e.g. ${example})`);
  }
  return id;
}

/** A zone set point in °C, within what the controllers take. */
export function requireSetpoint(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    refuse('evohome `temperature` must be a number of °C');
  }
  if (value < SETPOINT_RANGE.min || value > SETPOINT_RANGE.max) {
    refuse(
      `evohome \`temperature\` must be from ${SETPOINT_RANGE.min} to ${SETPOINT_RANGE.max} °C (got ${value})`,
    );
  }
  return value;
}

/** The vendor's date-time format: UTC to the second. */
export function apiDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** An `until` that is a valid date in the future (by the client's clock), as the vendor writes it. */
export function requireUntil(value: unknown, now: number): string | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    refuse('evohome `until` must be a valid Date');
  }
  if (value.getTime() <= now) refuse('evohome `until` must be in the future');
  return apiDateTime(value);
}

/** A mode from a fixed list. */
export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    refuse(`evohome \`${name}\` must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** An options object (or nothing) with only the keys a call knows. */
export function requireCallOptions(
  value: unknown,
  name: string,
  keys: readonly string[],
): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(`evohome \`${name}\` options must be an object`);
  }
  const unknown = Object.keys(value).filter((key) => !keys.includes(key));
  if (unknown.length > 0) {
    refuse(`evohome \`${name}\` does not take option ${unknown.map((key) => `\`${key}\``).join(', ')}`);
  }
  return value as Record<string, unknown>;
}
