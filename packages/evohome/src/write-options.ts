import { checkSignalOption } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { requireCallOptions, requireUntil } from './control-arguments.js';

/** Options of a write that can be temporary (set point, system mode, hot water). */
export interface EvohomeWriteOptions {
  /** Hold the change until then (must be in the future); the schedule takes over after. Default: permanent. */
  until?: Date | undefined;
  /** Aborts the call with `AbortError`. */
  signal?: AbortSignal | undefined;
}

/** Options of a write that has no end time (cancelling an override, uploading a schedule). */
export interface EvohomeCancelOptions {
  /** Aborts the call with `AbortError`. */
  signal?: AbortSignal | undefined;
}

/** A write's options after checking: `until` in the vendor's format. */
export interface CheckedWriteOptions {
  until: string | undefined;
  signal: AbortSignal | undefined;
}

/** Checks a write's options before any request; `withUntil` false refuses `until`. */
export function writeOptionsOf(
  options: unknown,
  method: string,
  now: number,
  withUntil = true,
): CheckedWriteOptions {
  const record = requireCallOptions(options, method, withUntil ? ['until', 'signal'] : ['signal']);
  return {
    until: requireUntil(record.until, now),
    signal: checkSignalOption(record.signal, `evohome \`${method}\` option \`signal\``, VENDOR),
  };
}
