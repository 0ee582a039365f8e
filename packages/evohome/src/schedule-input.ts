import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { MAX_SWITCHPOINTS_PER_DAY, SCHEDULE_DAYS, SETPOINT_RANGE } from './control-arguments.js';

/** One switchpoint of a zone schedule: from `timeOfDay` on, the zone heats to `heatSetpoint`. */
export interface ZoneSwitchpoint {
  /** `HH:MM` or `HH:MM:SS`, on a 10-minute grid. */
  timeOfDay: string;
  /** °C, 5 to 35. */
  heatSetpoint: number;
}

/** One switchpoint of a hot-water schedule: from `timeOfDay` on, hot water is `dhwState`. */
export interface HotWaterSwitchpoint {
  /** `HH:MM` or `HH:MM:SS`, on a 10-minute grid. */
  timeOfDay: string;
  dhwState: 'On' | 'Off';
}

/** A weekly schedule to upload: all seven days, as `zoneSchedule()` / `hotWaterSchedule()` return it. */
export interface EvohomeScheduleInput<P> {
  dailySchedules: ReadonlyArray<{ dayOfWeek: string; switchpoints: readonly P[] }>;
}

/** A zone's weekly schedule to upload. */
export type ZoneScheduleInput = EvohomeScheduleInput<ZoneSwitchpoint>;

/** A hot-water weekly schedule to upload. */
export type HotWaterScheduleInput = EvohomeScheduleInput<HotWaterSwitchpoint>;

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]0(:00)?$/;

function refuse(message: string): never {
  throw new ConfigurationError(`evohome \`schedule\` ${message}`, { vendor: VENDOR });
}

function timeOf(value: unknown, where: string): string {
  if (typeof value !== 'string' || !TIME_OF_DAY.test(value)) {
    refuse(`${where}: \`timeOfDay\` must be HH:MM on a 10-minute grid (e.g. 06:30)`);
  }
  return value.length === 5 ? `${value}:00` : value;
}

function switchpointOf(point: unknown, kind: 'zone' | 'dhw', where: string): Record<string, unknown> {
  if (typeof point !== 'object' || point === null) refuse(`${where} is not a switchpoint`);
  const record = point as Record<string, unknown>;
  const timeOfDay = timeOf(record.timeOfDay, where);
  if (kind === 'dhw') {
    if (record.dhwState !== 'On' && record.dhwState !== 'Off')
      refuse(`${where}: \`dhwState\` must be On or Off`);
    return { timeOfDay, dhwState: record.dhwState };
  }
  const setpoint = record.heatSetpoint;
  if (
    typeof setpoint !== 'number' ||
    !Number.isFinite(setpoint) ||
    setpoint < SETPOINT_RANGE.min ||
    setpoint > SETPOINT_RANGE.max
  ) {
    refuse(`${where}: \`heatSetpoint\` must be from ${SETPOINT_RANGE.min} to ${SETPOINT_RANGE.max} °C`);
  }
  return { timeOfDay, heatSetpoint: setpoint };
}

/**
 * Checks a schedule before it is uploaded and returns the body the vendor
 * takes (the GET form: day names, camelCase, which it binds as readily as
 * evohome-client's ordinals). Seven days, each once, one to six switchpoints
 * in time order.
 */
export function scheduleBody(schedule: unknown, kind: 'zone' | 'dhw'): Record<string, unknown> {
  const days = (schedule as { dailySchedules?: unknown } | null)?.dailySchedules;
  if (typeof schedule !== 'object' || schedule === null || !Array.isArray(days)) {
    refuse('must be an object with `dailySchedules` (as zoneSchedule() / hotWaterSchedule() return it)');
  }
  const byDay = new Map<string, Record<string, unknown>[]>();
  for (const day of days as unknown[]) {
    const name = (day as { dayOfWeek?: unknown } | null)?.dayOfWeek;
    const points = (day as { switchpoints?: unknown } | null)?.switchpoints;
    if (typeof name !== 'string' || !(SCHEDULE_DAYS as readonly string[]).includes(name)) {
      refuse(`has a day that is not one of ${SCHEDULE_DAYS.join(', ')}`);
    }
    if (byDay.has(name)) refuse(`has ${name} twice`);
    if (!Array.isArray(points) || points.length < 1 || points.length > MAX_SWITCHPOINTS_PER_DAY) {
      refuse(`${name} must have 1 to ${MAX_SWITCHPOINTS_PER_DAY} switchpoints`);
    }
    const switchpoints = points.map((point, index) => switchpointOf(point, kind, `${name} #${index + 1}`));
    const times = switchpoints.map((point) => String(point.timeOfDay));
    if (times.some((time, index) => index > 0 && time <= (times[index - 1] ?? ''))) {
      refuse(`${name}: switchpoints must be in time order, each time once`);
    }
    byDay.set(name, switchpoints);
  }
  const missing = SCHEDULE_DAYS.filter((day) => !byDay.has(day));
  if (missing.length > 0) refuse(`misses ${missing.join(', ')} (all seven days are required)`);
  return {
    dailySchedules: SCHEDULE_DAYS.map((dayOfWeek) => ({ dayOfWeek, switchpoints: byDay.get(dayOfWeek) })),
  };
}
