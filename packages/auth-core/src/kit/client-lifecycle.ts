import { ClientClosedError } from '../errors.js';

/**
 * The close semantics every vendor client shares: `close()` runs the
 * client's closers once (later calls return the same promise), and every
 * call afterwards fails with a `ClientClosedError` naming the client.
 */
export class ClientLifecycle {
  readonly #client: string;
  readonly #vendor: string;
  #closing: Promise<void> | undefined;

  /** @param client How messages name the client, e.g. `'VeSync'`. */
  constructor(client: string, vendor: string) {
    this.#client = client;
    this.#vendor = vendor;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Throws a `ClientClosedError` once the client is closed. */
  assertOpen(): void {
    if (this.#closing !== undefined) throw this.closedError();
  }

  /** The error a call on the closed client fails with. */
  closedError(): ClientClosedError {
    return new ClientClosedError(`This ${this.#client} client is closed; create a new one`, {
      vendor: this.#vendor,
    });
  }

  /**
   * Marks the client closed and runs `closers` in order, once; idempotent.
   * Every closer runs even when an earlier one fails (a failed transport close
   * must not leave the session manager running); the first failure is thrown.
   */
  close(...closers: Array<() => unknown>): Promise<void> {
    this.#closing ??= (async () => {
      const failures: unknown[] = [];
      for (const closer of closers) {
        try {
          await closer();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw failures[0];
    })();
    return this.#closing;
  }
}
