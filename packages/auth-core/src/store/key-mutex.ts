/**
 * Serialises async work per key inside one process. Stores use it before any
 * file or network lock so a burst in one process never fights itself for the
 * cross-process lock.
 */
export class KeyMutex {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier `run` of the same key has settled; other keys do not wait. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
