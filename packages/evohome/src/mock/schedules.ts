import { caseless } from './request-fields.js';

/** One switchpoint as `GET .../schedule` returns it (camelCase, day names). */
export interface MockSwitchpoint {
  timeOfDay: string;
  heatSetpoint?: number;
  dhwState?: 'On' | 'Off';
}

/** A weekly schedule as `GET .../schedule` returns it. */
export interface MockSchedule {
  dailySchedules: Array<{ dayOfWeek: string; switchpoints: MockSwitchpoint[] }>;
}

/** Monday first, as the vendor orders them and as `DayOfWeek` ordinals count (0 = Monday). */
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const WEEKEND = new Set(['Saturday', 'Sunday']);

/** A weekday/weekend heating schedule of the recorded shape (four switchpoints a day). */
export function defaultZoneSchedule(): MockSchedule {
  return {
    dailySchedules: DAYS.map((dayOfWeek) => ({
      dayOfWeek,
      switchpoints: WEEKEND.has(dayOfWeek)
        ? [
            { heatSetpoint: 19.1, timeOfDay: '07:30:00' },
            { heatSetpoint: 18.5, timeOfDay: '11:00:00' },
            { heatSetpoint: 19.1, timeOfDay: '17:00:00' },
            { heatSetpoint: 14.9, timeOfDay: '21:30:00' },
          ]
        : [
            { heatSetpoint: 18.1, timeOfDay: '07:00:00' },
            { heatSetpoint: 16.0, timeOfDay: '08:00:00' },
            { heatSetpoint: 18.6, timeOfDay: '22:10:00' },
            { heatSetpoint: 15.9, timeOfDay: '23:00:00' },
          ],
    })),
  };
}

/** A hot-water schedule of the recorded shape (three on periods a day). */
export function defaultDhwSchedule(): MockSchedule {
  return {
    dailySchedules: DAYS.map((dayOfWeek) => ({
      dayOfWeek,
      switchpoints: [
        { dhwState: 'On', timeOfDay: '06:30:00' },
        { dhwState: 'Off', timeOfDay: '08:30:00' },
        { dhwState: 'On', timeOfDay: '12:00:00' },
        { dhwState: 'Off', timeOfDay: '13:00:00' },
        { dhwState: 'On', timeOfDay: '16:30:00' },
        { dhwState: 'Off', timeOfDay: '22:30:00' },
      ],
    })),
  };
}

/** Why an uploaded schedule was refused: the vendor's code and message. */
export interface ScheduleProblem {
  code: string;
  message: string;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

function dayName(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return DAYS[value];
  if (typeof value !== 'string') return undefined;
  if (/^\d$/.test(value)) return DAYS[Number(value)];
  return DAYS.find((day) => day.toLowerCase() === value.toLowerCase());
}

function switchpointOf(value: unknown, kind: 'zone' | 'dhw'): MockSwitchpoint | undefined {
  const fields = caseless(value);
  const time = fields.get('timeofday');
  if (typeof time !== 'string' || !TIME_OF_DAY.test(time)) return undefined;
  const timeOfDay = time.length === 5 ? `${time}:00` : time;
  if (kind === 'zone') {
    // Older evohome-client uploads rename the key to TargetTemperature.
    const setpoint = fields.get('heatsetpoint') ?? fields.get('targettemperature');
    return typeof setpoint === 'number' && Number.isFinite(setpoint)
      ? { heatSetpoint: setpoint, timeOfDay }
      : undefined;
  }
  const state = fields.get('dhwstate');
  return state === 'On' || state === 'Off' ? { dhwState: state, timeOfDay } : undefined;
}

/**
 * Reads an uploaded schedule the way the vendor does: keys in any case, days
 * as names (the GET form, which evohome-async sends back) or ordinals (0 =
 * Monday, evohome-client's PUT form). All seven days are required.
 */
export function parseSchedule(body: unknown, kind: 'zone' | 'dhw'): MockSchedule | ScheduleProblem {
  const days = caseless(body).get('dailyschedules');
  const missing = { code: 'DayOfWeekMissing', message: 'One or more days missing.' };
  if (!Array.isArray(days)) return missing;
  const byDay = new Map<string, MockSwitchpoint[]>();
  for (const day of days) {
    const fields = caseless(day);
    const name = dayName(fields.get('dayofweek'));
    const points = fields.get('switchpoints');
    if (name === undefined || !Array.isArray(points)) return invalidInput();
    const switchpoints = points.map((point) => switchpointOf(point, kind));
    if (switchpoints.some((point) => point === undefined)) return invalidInput();
    byDay.set(name, switchpoints as MockSwitchpoint[]);
  }
  if (DAYS.some((day) => !byDay.has(day))) return missing;
  return {
    dailySchedules: DAYS.map((dayOfWeek) => ({ dayOfWeek, switchpoints: byDay.get(dayOfWeek) ?? [] })),
  };
}

function invalidInput(): ScheduleProblem {
  return { code: 'InvalidInput', message: 'Invalid Input.' };
}
