import { ApiError, TimeoutError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

/**
 * A write's communication task ended without succeeding: the vendor accepted
 * the request but the controller did not carry it out (`state` says how it
 * ended, e.g. `Failed`). The change did not take: read the status to see
 * what holds now before trying again.
 */
export class EvohomeTaskFailedError extends ApiError {
  /** The task's id, as the write returned it. */
  readonly taskId: string;
  /** The task's final state as the vendor reported it. */
  readonly state: string;

  constructor(taskId: string, state: string) {
    super(`evohome task ${taskId} ended ${JSON.stringify(state.slice(0, 40))} instead of Succeeded`, {
      status: 200,
      vendorCode: state.slice(0, 40),
      vendor: VENDOR,
    });
    this.taskId = taskId;
    this.state = state;
  }
}

/**
 * A write's communication task was still pending when the wait's deadline
 * (`timeoutMs` of `waitForTask`) passed. The write may still take effect
 * later; poll `taskState` or read the status to find out.
 */
export class EvohomeTaskTimeoutError extends TimeoutError {
  /** The task's id, as the write returned it. */
  readonly taskId: string;
  /** The last state read (`pending`, `Created`, `Running`...), if any poll answered. */
  readonly lastState: string | undefined;

  constructor(taskId: string, timeoutMs: number, lastState: string | undefined) {
    super(
      `evohome task ${taskId} had not succeeded after ${timeoutMs} ms${lastState ? ` (last state ${JSON.stringify(lastState.slice(0, 40))})` : ''}`,
      { vendor: VENDOR },
    );
    this.taskId = taskId;
    this.lastState = lastState;
  }
}
