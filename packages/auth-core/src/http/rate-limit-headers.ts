/**
 * One policy's state as a response reported it through the IETF `RateLimit` /
 * `RateLimit-Policy` headers (draft-ietf-httpapi-ratelimit-headers).
 */
export interface RateLimitObservation {
  /** The policy's name (`"perday"`), as the vendor sent it, without quotes. */
  policy: string;
  /** Requests left in the current window (`r`). */
  remaining: number;
  /** Seconds until the window resets (`t`), when the vendor said. */
  resetSeconds: number | undefined;
  /** The policy's quota (`q` of the matching `RateLimit-Policy` item), when announced. */
  limit: number | undefined;
  /** The policy's window in seconds (`w` of the matching `RateLimit-Policy` item), when announced. */
  windowSeconds: number | undefined;
}

/** Headers as fetch gives them, or a plain record (names in any case). */
export type HeaderSource = Headers | Readonly<Record<string, string | undefined>>;

/** A parsed structured-field list item: its bare name and its parameters. */
interface ListItem {
  name: string;
  params: Map<string, string>;
}

/** Longest policy name kept; longer ones (or names with control characters) are not believed. */
const MAX_POLICY_NAME = 64;

/**
 * Reads the quota state a response reports: every `RateLimit` item that names
 * a usable remaining count (`r`), joined by name with the `RateLimit-Policy`
 * item of the same name for its quota (`q`) and window (`w`). Header names are
 * matched case-insensitively. Anything unparseable — a broken item, a
 * negative or fractional number, an over-long name — is skipped, never
 * thrown: the headers are advice, and a vendor's typo must not fail a call.
 */
export function parseRateLimitHeaders(headers: HeaderSource): RateLimitObservation[] {
  const status = headerValue(headers, 'ratelimit');
  if (status === undefined) return [];
  const policies = new Map<string, ListItem>();
  for (const item of parseList(headerValue(headers, 'ratelimit-policy') ?? '')) {
    if (!policies.has(item.name)) policies.set(item.name, item);
  }
  const observations: RateLimitObservation[] = [];
  for (const item of parseList(status)) {
    const remaining = count(item.params.get('r'));
    if (remaining === undefined) continue;
    const policy = policies.get(item.name);
    observations.push({
      policy: item.name,
      remaining,
      resetSeconds: count(item.params.get('t')),
      limit: count(policy?.params.get('q')),
      windowSeconds: positive(count(policy?.params.get('w'))),
    });
  }
  return observations;
}

/**
 * The observation that binds first: a spent policy (the one resetting last,
 * when several are), else the one with the fewest requests left.
 */
export function bindingObservation(
  observations: readonly RateLimitObservation[],
): RateLimitObservation | undefined {
  let best: RateLimitObservation | undefined;
  for (const o of observations) {
    if (best === undefined || o.remaining < best.remaining) {
      best = o;
    } else if (o.remaining === best.remaining && (o.resetSeconds ?? 0) > (best.resetSeconds ?? 0)) {
      best = o;
    }
  }
  return best;
}

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const values = Object.entries(headers)
    .filter(([key, value]) => key.toLowerCase() === name && typeof value === 'string')
    .map(([, value]) => value as string);
  return values.length === 0 ? undefined : values.join(', ');
}

/**
 * A lenient reader of an RFC 8941 list: items split at top-level commas
 * (commas inside quoted strings kept), each a string or token name followed by
 * `;key=value` parameters. A malformed item is dropped on its own, so one bad
 * policy does not hide a good one.
 */
function parseList(value: string): ListItem[] {
  const items: ListItem[] = [];
  for (const raw of splitOutsideQuotes(value, ',')) {
    const item = parseItem(raw.trim());
    if (item !== undefined) items.push(item);
  }
  return items;
}

function parseItem(raw: string): ListItem | undefined {
  const [head, ...rest] = splitOutsideQuotes(raw, ';');
  const name = bareName((head ?? '').trim());
  if (name === undefined) return undefined;
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    const key = (eq === -1 ? param : param.slice(0, eq)).trim().toLowerCase();
    if (!/^[a-z*][a-z0-9_.*-]*$/.test(key)) return undefined;
    // A key without a value is boolean true in RFC 8941; none of r/t/q/w is boolean.
    params.set(key, eq === -1 ? '?1' : param.slice(eq + 1).trim());
  }
  return { name, params };
}

/** A quoted string's content or a token; `undefined` for anything else or an implausible name. */
function bareName(text: string): string | undefined {
  let name: string;
  if (text.startsWith('"')) {
    if (text.length < 2 || !text.endsWith('"')) return undefined;
    name = text.slice(1, -1).replace(/\\(["\\])/g, '$1');
  } else if (/^[A-Za-z*][A-Za-z0-9!#$%&'*+.^_`|~:/-]*$/.test(text)) {
    name = text;
  } else {
    return undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (name.length === 0 || name.length > MAX_POLICY_NAME || /[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    return undefined;
  }
  return name;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted && char === '\\' && i + 1 < text.length) {
      current += char + (text[i + 1] as string);
      i++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** An RFC 8941 integer that is a count: 0 or more, at most 15 digits. */
function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

function positive(value: number | undefined): number | undefined {
  return value === undefined || value <= 0 ? undefined : value;
}
