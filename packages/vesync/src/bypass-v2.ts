import { ConfigurationError, checkOptionsObject, checkSignalOption } from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { VENDOR } from './constants.js';
import type { BypassV2PayloadBody } from './device-envelope.js';

/**
 * The device half of a bypassV2 call: the method the device runs and its
 * data, e.g. `{ method: 'setSwitch', data: { enabled: true, id: 0 } }`.
 * Type `data` for your own device type: `bypassV2<MyResult>(device, payload)`.
 */
export interface BypassV2Payload<D extends object = Record<string, unknown>> {
  /** The device method, e.g. `getPurifierStatus`, `setLevel`. */
  method: string;
  /** The method's arguments. Default `{}`. */
  data?: D | undefined;
  /** Who asks. Default `APP`, as the app sends it. */
  source?: string | undefined;
  /** The socket of a multi-socket device, when the model needs it. */
  subDeviceNo?: number | undefined;
}

/** Options of {@link VeSync.bypassV2}. */
export interface BypassV2Options<T> {
  /**
   * Parses the device's inner result (a zod schema); a mismatch is a
   * `ResponseShapeError`. Without it the result is returned as `unknown`,
   * still readable whatever it holds.
   */
  result?: z.ZodType<T> | undefined;
  /** Detaches this caller; a login shared with other callers keeps running. */
  signal?: AbortSignal | undefined;
}

const OPTION_KEYS = { result: true, signal: true } as const;
const PAYLOAD_KEYS = { method: true, data: true, source: true, subDeviceNo: true } as const;

function fail(message: string): never {
  throw new ConfigurationError(message, { vendor: VENDOR });
}

/** Checks a caller's payload and fills in the defaults; throws a ConfigurationError naming the bad field. */
export function checkBypassPayload(payload: unknown): BypassV2PayloadBody {
  const given = checkOptionsObject(payload, 'bypassV2() payload', PAYLOAD_KEYS, VENDOR);
  if (typeof given.method !== 'string' || given.method.trim() === '') {
    fail('bypassV2() payload `method` must be a non-empty string');
  }
  const data = given.data ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail('bypassV2() payload `data` must be a plain object');
  }
  const source = given.source ?? 'APP';
  if (typeof source !== 'string' || source === '')
    fail('bypassV2() payload `source` must be a non-empty string');
  const sub = given.subDeviceNo;
  if (sub !== undefined && (typeof sub !== 'number' || !Number.isInteger(sub) || sub < 0)) {
    fail('bypassV2() payload `subDeviceNo` must be a whole number');
  }
  return { method: given.method, source, data, ...(sub === undefined ? {} : { subDeviceNo: sub as number }) };
}

/** Checks bypassV2()'s options. */
export function checkBypassOptions<T>(options: unknown): {
  result: z.ZodType<T> | undefined;
  signal: AbortSignal | undefined;
} {
  const given = checkOptionsObject(options, 'bypassV2()', OPTION_KEYS, VENDOR);
  const result = given.result;
  if (result !== undefined && (typeof result !== 'object' || result === null || !('safeParse' in result))) {
    fail('bypassV2() option `result` must be a zod schema');
  }
  return {
    result: result as z.ZodType<T> | undefined,
    signal: checkSignalOption(given.signal, 'bypassV2() option `signal`', VENDOR),
  };
}
