import { checkOptionsObject, checkSignalOption } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import type { DeviceCalls } from './device-calls.js';
import { SIGNAL_ONLY_OPTION_KEYS } from './options.js';

/** What a device handle gets from its client: the calls, and the client's run wrapper (closed check, lastError). */
export interface DeviceHandleContext {
  calls: DeviceCalls;
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** Options of every device handle call. */
export interface DeviceCallOptions {
  /** Detaches this caller; a login shared with other callers keeps running. */
  signal?: AbortSignal | undefined;
}

/** Checks a handle call's options (a plain object with at most `signal`) and returns the signal. */
export function signalOf(options: unknown, owner: string): AbortSignal | undefined {
  const given = checkOptionsObject(options, owner, SIGNAL_ONLY_OPTION_KEYS, VENDOR);
  return checkSignalOption(given.signal, `${owner} option \`signal\``, VENDOR);
}
