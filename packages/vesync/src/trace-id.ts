/**
 * Makes the app-style trace ids of the login calls:
 * `APP` + four characters of the terminal id + epoch seconds + `-` + a
 * five-digit call counter, e.g. `APP0fa51759356366-00001`. VeSync echoes
 * it back and never checks it; it only helps VeSync support read logs.
 */
export class TraceIds {
  #counter = 0;

  /** The next login trace id. */
  next(terminalId: string, nowMs: number): string {
    this.#counter = (this.#counter % 99_999) + 1;
    const part = terminalId.slice(-5, -1);
    return `APP${part}${Math.floor(nowMs / 1000)}-${String(this.#counter).padStart(5, '0')}`;
  }
}

/** The data calls' trace id: epoch seconds as a string, as the app sends it. */
export function dataTraceId(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}
