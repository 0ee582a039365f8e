const decoder = new TextDecoder();

/** A response body as JSON when it is JSON, else as text. */
export type ReadBody = { kind: 'json'; value: unknown } | { kind: 'text'; value: string };

/** Bytes already read, as JSON when they are JSON, else as text. */
export function parseBodyBytes(bytes: Uint8Array): ReadBody {
  const text = decoder.decode(bytes);
  if (text.trim() === '') return { kind: 'json', value: null };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text', value: text };
  }
}
