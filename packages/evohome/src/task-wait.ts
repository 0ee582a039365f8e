import {
  type Clock,
  checkDurationOption,
  checkOptionsObject,
  checkSignalOption,
  checkTimeoutOption,
  sleep,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { EvohomeTaskFailedError, EvohomeTaskTimeoutError } from './task-errors.js';

/** Options of `waitForTask` on both clients. */
export interface WaitForTaskOptions {
  /** Give up after this long with `EvohomeTaskTimeoutError`. Default 60 000 ms. */
  timeoutMs?: number | undefined;
  /** Pause between polls. Default 1 000 ms (what evohome-client polls at). */
  intervalMs?: number | undefined;
  /** Stops waiting with `AbortError`. */
  signal?: AbortSignal | undefined;
}

const WAIT_OPTION_KEYS = { timeoutMs: true, intervalMs: true, signal: true } as const;

/** A wait's options after checking. */
export interface ResolvedWaitOptions {
  timeoutMs: number;
  intervalMs: number;
  signal: AbortSignal | undefined;
}

/** Default deadline of a wait: controllers usually confirm within seconds, rarely after a minute. */
export const DEFAULT_TASK_TIMEOUT_MS = 60_000;

/** Default pause between polls. */
export const DEFAULT_TASK_INTERVAL_MS = 1_000;

/** Where a task stands, read from the state the vendor reports. */
export type TaskOutcome = 'succeeded' | 'failed' | 'pending';

/**
 * Reads a task state leniently: `Succeeded` is done, a state naming a failure
 * is final, and anything else (`pending`, `Created`, `Running`, or a state no
 * recording shows) is still pending — the deadline bounds the wait.
 */
export function taskOutcome(state: string): TaskOutcome {
  if (/^succeeded$/i.test(state)) return 'succeeded';
  if (/fail|error|cancel|reject|abort|timeout|expired/i.test(state)) return 'failed';
  return 'pending';
}

/** Checks the options of a wait before any poll. */
export function checkWaitOptions(options: WaitForTaskOptions, owner: string): ResolvedWaitOptions {
  checkOptionsObject(options, `${owner}.waitForTask`, WAIT_OPTION_KEYS, VENDOR);
  const name = (option: string) => `${owner}.waitForTask option \`${option}\``;
  checkSignalOption(options.signal, name('signal'), VENDOR);
  return {
    timeoutMs: checkTimeoutOption(options.timeoutMs, name('timeoutMs'), VENDOR) ?? DEFAULT_TASK_TIMEOUT_MS,
    intervalMs:
      checkDurationOption(options.intervalMs, name('intervalMs'), VENDOR) ?? DEFAULT_TASK_INTERVAL_MS,
    signal: options.signal,
  };
}

/**
 * Polls `readState` until the task succeeds (resolves), ends otherwise
 * (`EvohomeTaskFailedError`) or the deadline passes (`EvohomeTaskTimeoutError`).
 * The deadline is read from the client's clock, and the number of polls is
 * also capped at what fits in it, so a frozen test clock cannot make it spin.
 */
export async function waitForTask(
  taskId: string,
  readState: (signal: AbortSignal | undefined) => Promise<string>,
  options: ResolvedWaitOptions,
  clock: Clock,
): Promise<void> {
  const { timeoutMs, intervalMs, signal } = options;
  const deadline = clock.now() + timeoutMs;
  const maxPolls = 1 + Math.floor(timeoutMs / Math.max(1, intervalMs));
  let lastState: string | undefined;
  for (let poll = 0; poll < maxPolls; poll++) {
    if (poll > 0) {
      const left = deadline - clock.now();
      if (left <= 0) break;
      // The poll interval is the vendor's pace, not session scheduling: nothing here renews.
      await sleep(Math.min(intervalMs, left), signal);
    }
    lastState = await readState(signal);
    const outcome = taskOutcome(lastState);
    if (outcome === 'succeeded') return;
    if (outcome === 'failed') throw new EvohomeTaskFailedError(taskId, lastState);
  }
  throw new EvohomeTaskTimeoutError(taskId, timeoutMs, lastState);
}
