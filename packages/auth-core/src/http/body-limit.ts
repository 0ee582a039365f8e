import { ResponseTooLargeError } from '../errors.js';

/** Default `maxBodyBytes`: 10 MiB, far above any JSON answer the vendors send. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Reads a response body as bytes, stopping at `maxBytes`: a `content-length`
 * above the limit fails before reading, and a body that grows past it is
 * cancelled (closing the connection) instead of being buffered whole.
 * Read errors are rethrown as they are; the caller's deadline classifies them.
 */
export async function readBodyBytes(
  response: Response,
  maxBytes: number,
  vendor: string,
  what: string,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new ResponseTooLargeError(`The ${what} from ${vendor} is larger than the limit of ${maxBytes} bytes`, {
      vendor,
      limitBytes: maxBytes,
    });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);
  // A declared length within the limit: one read of the whole body, which costs less than
  // pulling it chunk by chunk (undici still stops at the declared length).
  if (Number.isFinite(declared)) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
