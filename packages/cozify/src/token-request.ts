import { parseWithSchema, requestText, type VendorErrorMapper } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { jwtTextSchema } from './schemas.js';

/** Options of {@link requestTokenText}. */
export interface TokenTextRequest {
  fetch: typeof globalThis.fetch;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  form?: Record<string, string>;
  signal: AbortSignal;
  what: string;
  mapError: VendorErrorMapper;
  now: () => number;
}

/**
 * `emaillogin` and `refreshsession` answer with the bare token as text, not
 * JSON (core's `requestJson` would refuse it). Some deployments quote it, so
 * whitespace and quotes are stripped, the way PilcQ's client does. Core's
 * `requestText` gives the call one deadline and a body size limit.
 */
export async function requestTokenText(options: TokenTextRequest): Promise<string> {
  const text = await requestText({
    fetch: options.fetch,
    url: options.url,
    method: options.method,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.form ? { form: options.form } : {}),
    signal: options.signal,
    vendor: VENDOR,
    what: options.what,
    mapError: options.mapError,
    now: options.now,
  });
  return parseWithSchema(jwtTextSchema, text.trim().replace(/^"|"$/g, ''), options.what, VENDOR);
}
