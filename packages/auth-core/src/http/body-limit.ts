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
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes, vendor, what);
  }
  if (response.body === null) return new Uint8Array(0);
  // A declared length within the limit, of the bytes as they are read: one read of the whole
  // body, which costs less than pulling it chunk by chunk. Not for a compressed body, whose
  // declared length is that of the compressed bytes: it is read chunk by chunk, so that a body
  // that inflates past the limit is stopped there.
  if (Number.isFinite(declared) && !response.headers.has('content-encoding')) {
    return new Uint8Array(await response.arrayBuffer());
  }
  // The reader is never released: the stream is done (read to its end, cancelled or errored)
  // and nothing reads it again, and a release costs as much as a read.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, vendor, what);
    }
    chunks.push(value);
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

function tooLarge(maxBytes: number, vendor: string, what: string): ResponseTooLargeError {
  return new ResponseTooLargeError(
    `The ${what} from ${vendor} is larger than the limit of ${maxBytes} bytes`,
    {
      vendor,
      limitBytes: maxBytes,
    },
  );
}
