import { ConfigurationError } from './errors.js';

/**
 * Every option name of `T`, each mapped to `true`. Declare a constructor's
 * known keys as `{ ... } satisfies OptionKeys<MyOptions>` so TypeScript fails
 * when an option is added to the interface but not to the list (or listed
 * but not declared), keeping runtime checks and types in sync.
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/** A ConfigurationError tagged with `vendor` when one is given (the option property stays absent otherwise). */
export function configurationError(message: string, vendor: string | undefined): ConfigurationError {
  return new ConfigurationError(message, vendor === undefined ? {} : { vendor });
}

/** A value's kind for an error message ("null", "an array", "a string"), never the value itself (it may be a secret). */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'undefined';
  const kind = typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value;
  return /^[aeiouAEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/**
 * Throws a ConfigurationError unless `value` is undefined (no options) or a
 * plain object whose own keys are all in `knownKeys`. The message names
 * `owner` and the unknown key and suggests the closest known one: a
 * misspelled base-URL option must fail loudly rather than send real
 * credentials to the default (production) cloud.
 *
 * @param owner What takes the options, e.g. `'Evrim.create'`; messages read "`owner` option `x` ...".
 * @param knownKeys The accepted option names, as an {@link OptionKeys} record or a list.
 * @param vendor Set as the error's `vendor` when a vendor package checks its options.
 * @returns The options as a record (an empty one for undefined), for further per-option checks.
 */
export function checkOptionsObject(
  value: unknown,
  owner: string,
  knownKeys: Readonly<Record<string, true>> | readonly string[],
  vendor?: string,
): Readonly<Record<string, unknown>> {
  if (value === undefined) return {};
  if (Object.prototype.toString.call(value) !== '[object Object]') {
    throw configurationError(`${owner} options must be an object, got ${describeKind(value)}`, vendor);
  }
  const known = Array.isArray(knownKeys) ? knownKeys : Object.keys(knownKeys);
  for (const key of Object.keys(value as object)) {
    if (known.includes(key)) continue;
    if (known.length === 0) throw configurationError(`${owner} takes no options, got \`${key}\``, vendor);
    const suggestion = closestKey(key, known);
    throw configurationError(
      `${owner} option \`${key}\` is not a known option${
        suggestion === undefined ? '' : ` (did you mean \`${suggestion}\`?)`
      }; known options: ${known.map((k) => `\`${k}\``).join(', ')}`,
      vendor,
    );
  }
  return value as Record<string, unknown>;
}

/** The known key a typo most likely meant: same letters ignoring case/`-`/`_`, else within a small edit distance. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const folded = fold(key);
  const sameLetters = known.find((k) => fold(k) === folded);
  if (sameLetters !== undefined) return sameLetters;
  // `baseUrl` for `url`, `host` for `hostname`: one name wrapping the other is a likelier
  // meaning than the nearest edit.
  const wrapping = known.find((k) => {
    const other = fold(k);
    const [short, long] = other.length < folded.length ? [other, folded] : [folded, other];
    return short.length >= 3 && (long.startsWith(short) || long.endsWith(short));
  });
  if (wrapping !== undefined) return wrapping;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(folded.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(folded, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

// Option names are short, so a plain two-row Levenshtein is enough; a dependency for
// one error-message hint would cost more than these lines.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
