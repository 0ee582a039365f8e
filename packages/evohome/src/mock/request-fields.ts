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
