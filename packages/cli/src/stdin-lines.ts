import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { UsageError } from './usage-error.js';

/**
 * Reads stdin one line at a time, on demand: `--password-stdin` takes the
 * first line at start, `--otp-stdin` the next one only when the vendor has
 * sent its code (a script can wait for the e-mail before writing it).
 */
export class StdinLines {
  readonly #input: Readable;
  #reader: Interface | undefined;
  #lines: AsyncIterator<string> | undefined;

  constructor(input: Readable) {
    this.#input = input;
  }

  /** The next line without its line ending; `what` names it in the error when stdin has ended. */
  async next(what: string): Promise<string> {
    if (!this.#lines) {
      this.#reader = createInterface({
        input: this.#input,
        crlfDelay: Number.POSITIVE_INFINITY,
        terminal: false,
      });
      this.#lines = this.#reader[Symbol.asyncIterator]();
    }
    const result = await this.#lines.next();
    if (result.done) throw new UsageError(`stdin ended before the ${what} was written to it`);
    return result.value;
  }

  /** Stops reading so the process can exit. */
  close(): void {
    this.#reader?.close();
    this.#input.pause();
  }
}
