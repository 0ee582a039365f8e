/**
 * Fields of a login body, JSON or form. The V1 server is ASP.NET WebAPI and
 * matches keys case-insensitively, so keys are returned as sent and looked
 * up through {@link field}.
 */
export async function readFields(request: Request): Promise<Map<string, string>> {
  const text = await request.text().catch(() => '');
  const fields = new Map<string, string>();
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = JSON.parse(text) as unknown;
      if (typeof body === 'object' && body !== null) {
        for (const [key, value] of Object.entries(body)) {
          if (typeof value === 'string') fields.set(key, value);
        }
      }
    } catch {
      // A malformed body simply has no fields; the caller answers as for missing ones.
    }
    return fields;
  }
  for (const [key, value] of new URLSearchParams(text)) fields.set(key, value);
  return fields;
}

/** A field by exact key (V2 is case-sensitive). */
export function exactField(fields: Map<string, string>, key: string): string | undefined {
  return fields.get(key);
}

/** A field by key, ignoring case (V1). */
export function field(fields: Map<string, string>, key: string): string | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of fields) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * The keys of a JSON object body, lower-cased: the vendor (ASP.NET WebAPI)
 * binds PUT bodies case-insensitively (`SystemMode`, `systemMode`, ...).
 * Anything that is not an object has no fields.
 */
export function caseless(value: unknown): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fields;
  for (const [key, item] of Object.entries(value)) fields.set(key.toLowerCase(), item);
  return fields;
}

/** A PUT's JSON body: `undefined` when empty or not JSON (the vendor's "parameter is missing"). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text().catch(() => '');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
