import { KeepAlive, type KeepAliveTarget } from './keep-alive.js';

/** What {@link SessionSubscribers} needs from its manager. */
export interface SessionSubscribersOptions<S> {
  /** The credential of a session: a listener hears of each one once. */
  token(session: S): string;
  /** The session the manager holds now. */
  current(): S | undefined;
  /** What the keep-alive timer drives while anyone listens. */
  keepAlive: KeepAliveTarget;
  report(error: unknown, during: string): void;
}

/**
 * The keep-alive listeners of one manager: each hears of every new session
 * the manager takes up, and while there is at least one, the manager's
 * keep-alive timer renews ahead of need.
 */
export class SessionSubscribers<S> {
  readonly #o: SessionSubscribersOptions<S>;
  readonly #listeners = new Set<(session: S) => void>();
  #announced: string | undefined;
  #timer: KeepAlive | undefined;
  #closed = false;

  constructor(options: SessionSubscribersOptions<S>) {
    this.#o = options;
  }

  /** Adds a listener; returns the function that removes it (`signal` removes it too). */
  subscribe(listener: (session: S) => void, signal?: AbortSignal): () => void {
    if (this.#closed) return () => undefined;
    this.#listeners.add(listener);
    const current = this.#o.current();
    this.#announced ??= current === undefined ? undefined : this.#o.token(current);
    this.#timer ??= new KeepAlive(this.#o.keepAlive);
    this.#timer.schedule();
    const stop = () => {
      this.#listeners.delete(listener);
      signal?.removeEventListener('abort', stop);
      if (this.#listeners.size === 0) this.#stopTimer();
    };
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();
    return stop;
  }

  /** Tells listeners about a session they have not heard of, then plans the next renewal. */
  announce(session: S): void {
    if (this.#listeners.size === 0) return;
    const token = this.#o.token(session);
    if (token !== this.#announced) {
      this.#announced = token;
      for (const listener of [...this.#listeners]) {
        try {
          listener(session);
        } catch (error) {
          this.#o.report(error, 'keep-alive listener');
        }
      }
    }
    this.#timer?.schedule();
  }

  /** Removes every listener and stops the timer for good. */
  close(): void {
    this.#closed = true;
    this.#listeners.clear();
    this.#stopTimer();
  }

  #stopTimer(): void {
    this.#timer?.stop();
    this.#timer = undefined;
  }
}
