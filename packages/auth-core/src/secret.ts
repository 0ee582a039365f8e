import { createHash } from 'node:crypto';
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

  /** `[REDACTED]`: string conversion and template literals never show the value. */
  toString(): string {
    return REDACTED;
  }

  /** `[REDACTED]`: `JSON.stringify` never shows the value. */
  toJSON(): string {
    return REDACTED;
  }

  /** `Secret([REDACTED])`: `util.inspect` and `console.log` never show the value. */
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

/** Shortest run of a secret's characters that is removed wherever it appears. */
const MIN_RUN = 6;
/** Digests a client may send in place of a secret (VeSync sends the password's MD5). */
const DIGESTS = ['md5', 'sha1', 'sha256'] as const;

/**
 * Removes secrets from `text` (vendor text that may echo what was sent)
 * before it reaches an error message or an event: every run of 6 or more
 * characters of a secret — or of the hex MD5/SHA-1/SHA-256 digest of one, in
 * either case — becomes `[REDACTED]`, so a cut-off or partial echo is caught
 * too. A secret of 4 or 5 characters is removed only whole; shorter ones are
 * ignored (they would mangle ordinary words and are not worth hiding).
 */
export function redactText(text: string, secrets: Iterable<string | Secret | undefined>): string {
  const values: string[] = [];
  for (const secret of secrets) {
    const value = secret instanceof Secret ? secret.reveal() : secret;
    if (value === undefined || value.length < 4) continue;
    values.push(value);
    if (value.length < MIN_RUN) continue;
    for (const algorithm of DIGESTS) {
      const hex = createHash(algorithm).update(value).digest('hex');
      values.push(hex, hex.toUpperCase());
    }
  }
  let out = text;
  for (const value of values) {
    out = value.length < MIN_RUN ? out.split(value).join(REDACTED) : redactRuns(out, value);
  }
  return out;
}

/** Replaces every maximal run of at least {@link MIN_RUN} characters of `text` that also occurs in `secret`. */
function redactRuns(text: string, secret: string): string {
  const seeds = new Set<string>();
  for (let i = 0; i + MIN_RUN <= secret.length; i++) seeds.add(secret.slice(i, i + MIN_RUN));
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (!seeds.has(text.slice(i, i + MIN_RUN))) {
      out += text[i];
      i++;
      continue;
    }
    let end = i + MIN_RUN;
    while (end < text.length && secret.includes(text.slice(i, end + 1))) end++;
    out += REDACTED;
    i = end;
  }
  return out;
}
