import { MAX_TIMER_MS } from '../option-checks.js';

/** What {@link KeepAlive} drives. */
export interface KeepAliveTarget {
  /** When the current session is due for renewal (epoch ms), or `undefined` for none/never. */
  dueAt(): number | undefined;
  /** Renews (or adopts a session stored elsewhere); failures are reported by the owner. */
  renew(): Promise<unknown>;
  /** Wait before another attempt after a failure, ms. */
  retryInMs(): number;
  now(): number;
}

/**
 * The one timer a manager keeps for long-lived consumers: it renews when the
 * current session falls due, so a consumer holding a connection open learns
 * of new credentials without a timer of its own racing the manager. The
 * timer never keeps the process alive.
 */
export class KeepAlive {
  readonly #target: KeepAliveTarget;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #stopped = false;

  constructor(target: KeepAliveTarget) {
    this.#target = target;
  }

  /** (Re)plans the timer for the current session. */
  schedule(delayMs?: number): void {
    if (this.#stopped || this.#running) return;
    clearTimeout(this.#timer);
    const due = this.#target.dueAt();
    if (delayMs === undefined && due === undefined) return;
    const wait = delayMs ?? Math.max(0, (due ?? 0) - this.#target.now());
    this.#timer = setTimeout(() => this.#fire(), Math.min(wait, MAX_TIMER_MS));
    this.#timer.unref?.();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #fire(): Promise<void> {
    // A timer can fire a millisecond before `now()` reaches the due time (the event loop's clock
    // is cached): the session is still fresh then, so `renew()` would not renew, and the check
    // below would take "still due" a moment later for a failure and wait `retryInMs()`.
    const dueNow = this.#target.dueAt();
    if (dueNow !== undefined && dueNow > this.#target.now()) {
      this.schedule();
      return;
    }
    this.#running = true;
    let failed = false;
    try {
      await this.#target.renew();
    } catch {
      failed = true;
    } finally {
      this.#running = false;
    }
    // A session still due after a renewal (the vendor is down, a back-off runs) waits before the next try.
    const due = this.#target.dueAt();
    const stillDue = due !== undefined && due <= this.#target.now();
    this.schedule(failed || stillDue ? this.#target.retryInMs() : undefined);
  }
}
