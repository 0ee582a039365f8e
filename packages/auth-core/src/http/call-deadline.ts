import { abortErrorFrom } from '../abort.js';
import { ErrorCodes, isTokenwiseError, TimeoutError, type TokenwiseError } from '../errors.js';
import { networkError } from './network-error.js';

/**
 * One call's deadline and cancellation: a single AbortController that fires
 * when `timeoutMs` passes or the caller's signal fires, whichever is first.
 * The call passes {@link signal} straight to `fetch` (never to a `Request`
 * that another `Request` follows: undici drops such links after a garbage
 * collection, nodejs/undici#3644) and keeps this object — and so the
 * controller and its timer — reachable until the body is read and parsed.
 */
export class CallDeadline {
  /** Fires at the deadline or when the caller aborts. */
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();
  readonly #timeoutMs: number;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #endsAt: number;
  readonly #timer: ReturnType<typeof setTimeout>;
  #timedOut = false;
  #onCallerAbort: (() => void) | undefined;

  constructor(timeoutMs: number, callerSignal?: AbortSignal) {
    this.signal = this.#controller.signal;
    this.#timeoutMs = timeoutMs;
    this.#callerSignal = callerSignal;
    this.#endsAt = Date.now() + timeoutMs;
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort(new Error(`deadline of ${timeoutMs} ms passed`));
    }, timeoutMs);
    if (callerSignal === undefined) return;
    if (callerSignal.aborted) {
      this.#controller.abort(callerSignal.reason);
      return;
    }
    // Only calls given a signal pay for the listener.
    this.#onCallerAbort = () => this.#controller.abort(callerSignal.reason);
    callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  /** Milliseconds left before the deadline (0 when passed). */
  remainingMs(): number {
    return Math.max(0, this.#endsAt - Date.now());
  }

  /**
   * The typed error for a failure of this call: {@link TimeoutError} when the
   * deadline passed, core's `AbortError` when the caller aborted, the error
   * itself when it is already typed, else a `NetworkError`.
   */
  toTypedError(error: unknown, vendor: string, url: string | URL, what: string): TokenwiseError {
    if (isTokenwiseError(error) && error.code !== ErrorCodes.AbortError) return error;
    if (this.#timedOut) {
      return new TimeoutError(`The ${what} from ${vendor} did not arrive within ${this.#timeoutMs} ms`, {
        vendor,
      });
    }
    if (this.#callerSignal?.aborted) return abortErrorFrom(this.#callerSignal);
    if (isTokenwiseError(error)) return error;
    return networkError(error, vendor, url);
  }

  /** Stops the timer and the caller-signal listener. Call once the body is read. */
  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort !== undefined)
      this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }
}
