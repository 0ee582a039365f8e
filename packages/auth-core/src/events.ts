/** A listener for one event type. */
export type Listener<T> = (payload: T) => void;

/**
 * A minimal typed event emitter. Listener errors are swallowed: a faulty
 * logger must never break token renewal.
 */
export class Emitter<Events extends { [K in keyof Events]: object }> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Subscribes; returns a function that unsubscribes. */
  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => this.off(type, listener);
  }

  /** Removes a listener added with {@link on}. */
  off<K extends keyof Events>(type: K, listener: Listener<Events[K]>): void {
    this.#listeners.get(type)?.delete(listener as Listener<never>);
  }

  /** Calls every listener of `type` with a frozen payload. */
  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    const set = this.#listeners.get(type);
    if (!set || set.size === 0) return;
    const frozen = Object.freeze({ ...payload }) as Events[K];
    for (const listener of set) {
      try {
        (listener as Listener<Events[K]>)(frozen);
      } catch {
        // A listener's failure is the listener's problem.
      }
    }
  }
}
