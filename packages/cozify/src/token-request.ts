import {
  ApiError,
  NotFoundError,
  networkError,
  parseRetryAfter,
  parseWithSchema,
  RateLimitError,
  type VendorErrorMapper,
} from '@tokenwise/auth-core';
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
 * whitespace and quotes are stripped, the way PilcQ's client does.
 */
export async function requestTokenText(options: TokenTextRequest): Promise<string> {
  const headers: Record<string, string> = { accept: 'text/plain, application/json', ...options.headers };
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method: options.method,
      headers,
      signal: options.signal,
      ...(body === undefined ? {} : { body }),
    });
  } catch (error) {
    throw networkError(error, VENDOR, options.url);
  }
  const text = await response.text().catch((error: unknown) => {
    throw networkError(error, VENDOR, options.url);
  });
  const mapped = options.mapError(response, text);
  if (mapped) throw mapped;
  if (!response.ok) throw statusError(response, options);
  return parseWithSchema(jwtTextSchema, text.trim().replace(/^"|"$/g, ''), options.what, VENDOR);
}

function statusError(response: Response, options: TokenTextRequest): Error {
  const message = `${VENDOR} answered HTTP ${response.status} to the ${options.what}`;
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now()) ?? 0;
    return new RateLimitError(`${VENDOR} rate-limited the ${options.what} (HTTP 429)`, {
      retryAfterMs,
      vendor: VENDOR,
    });
  }
  if (response.status === 404) return new NotFoundError(message, { status: 404, vendor: VENDOR });
  return new ApiError(message, { status: response.status, vendor: VENDOR });
}
