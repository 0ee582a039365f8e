import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Formats a time the way the vendor's token files do (`%Y-%m-%dT%H:%M:%S.%fZ`,
 * six fraction digits) so files stay readable by the Python tools.
 */
export function formatTimestamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 23)}000Z`;
}

/**
 * Reads a saved timestamp: an ISO string (a naive one is UTC, as in the
 * vendor's library), epoch milliseconds or a `Date`. Throws a
 * `ConfigurationError` naming `field` for anything else.
 */
export function parseTimestamp(value: unknown, field: string): number {
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isFinite(time)) return time;
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  } else if (typeof value === 'string') {
    const parsed = parseIso(value.trim());
    if (parsed !== undefined) return parsed;
  }
  throw new ConfigurationError(`${field} is not a valid timestamp`, { vendor: VENDOR });
}

function parseIso(text: string): number | undefined {
  const match = ISO_PATTERN.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    ms,
  );
  if (!Number.isFinite(utc)) return undefined;
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return utc - sign * offsetMinutes * 60_000;
}
