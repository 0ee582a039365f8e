import { inspect } from 'node:util';

const REDACTED = '[REDACTED]';

/**
 * A string that refuses to be printed. `String(secret)`, template literals,
 * `JSON.stringify` and `util.inspect` all show `[REDACTED]`; only `reveal()`
 * gives the value, so a leak needs an explicit call in the code.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The wrapped value. Call it only where the value goes on the wire. */
  reveal(): string {
    return this.#value;
  }

  /** True when the wrapped value is the empty string. */
  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}

/** Wraps a plain string (or passes a Secret through); `undefined` stays `undefined`. */
export function toSecret(value: string | Secret): Secret;
export function toSecret(value: string | Secret | undefined): Secret | undefined;
export function toSecret(value: string | Secret | undefined): Secret | undefined {
  if (value === undefined) return undefined;
  return value instanceof Secret ? value : new Secret(value);
}

/**
 * Replaces every occurrence of the given secret values in `text` with
 * `[REDACTED]`. Used on text that came from a vendor (error messages may echo
 * what was sent) before it reaches an error message or an event.
 */
export function redactText(text: string, secrets: Iterable<string | Secret | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    const value = secret instanceof Secret ? secret.reveal() : secret;
    // Very short values would mangle ordinary words and are not worth hiding.
    if (value === undefined || value.length < 4) continue;
    out = out.split(value).join(REDACTED);
  }
  return out;
}
