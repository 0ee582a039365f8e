import type { z } from 'zod';
import {
  ApiError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ResponseShapeError,
  TokenwiseError,
} from '../errors.js';
import { parseRetryAfter } from '../retry-after.js';
import { parseWithSchema } from './parse-with-schema.js';

/**
 * Lets a vendor turn its own error payloads into core errors. Return
 * `undefined` to fall back to the generic mapping. `body` is the parsed JSON
 * (or the raw text when it is not JSON).
 */
export type VendorErrorMapper = (response: Response, body: unknown) => TokenwiseError | undefined;

/** Options of {@link requestJson}. */
export interface RequestJsonOptions<T> {
  fetch: typeof globalThis.fetch;
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  signal?: AbortSignal;
  /** Validates a 2xx body. */
  schema: z.ZodType<T>;
  /** Vendor name for messages. */
  vendor: string;
  /** What is being fetched, for messages (e.g. "login response"). */
  what: string;
  mapError?: VendorErrorMapper;
  /** Back-off when a 429 has no `Retry-After`. */
  defaultRetryAfterMs?: number;
  now?: () => number;
}

/**
 * One JSON call without a session (logins, refreshes): sends, maps every
 * failure to a typed error, validates the body with zod. Never includes the
 * request body or headers in an error.
 */
export async function requestJson<T>(options: RequestJsonOptions<T>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw networkError(error, options.vendor, options.url);
  }
  const parsedBody = await readBody(response, options.vendor, options.what);
  const mapped = options.mapError?.(response, parsedBody.value);
  if (mapped) throw mapped;
  if (!response.ok) throw httpError(response, options);
  if (parsedBody.kind === 'text') {
    throw new ResponseShapeError(`The ${options.what} from ${options.vendor} is not JSON`, {
      vendor: options.vendor,
    });
  }
  return parseWithSchema(options.schema, parsedBody.value, options.what, options.vendor);
}

/** A response body as JSON when it is JSON, else as text. */
export type ReadBody = { kind: 'json'; value: unknown } | { kind: 'text'; value: string };

export async function readBody(response: Response, vendor: string, what: string): Promise<ReadBody> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new NetworkError(`The ${what} from ${vendor} was cut off`, { vendor, cause: error });
  }
  if (text.trim() === '') return { kind: 'json', value: null };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text', value: text };
  }
}

function httpError<T>(response: Response, options: RequestJsonOptions<T>): TokenwiseError {
  const vendor = options.vendor;
  if (response.status === 429) {
    const now = options.now?.() ?? Date.now();
    const retryAfterMs =
      parseRetryAfter(response.headers.get('retry-after'), now) ?? options.defaultRetryAfterMs ?? 0;
    return new RateLimitError(`${vendor} rate-limited the ${options.what} (HTTP 429)`, {
      retryAfterMs,
      vendor,
    });
  }
  const message = `${vendor} answered HTTP ${response.status} to the ${options.what}`;
  if (response.status === 404) return new NotFoundError(message, { status: 404, vendor });
  return new ApiError(message, { status: response.status, vendor });
}

/** Wraps a fetch failure (refused, DNS, timeout, abort) without echoing URLs' query strings. */
export function networkError(error: unknown, vendor: string, url: string | URL): TokenwiseError {
  if (error instanceof TokenwiseError) return error;
  const host = safeHost(url);
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new NetworkError(`The request to ${vendor} (${host}) was aborted or timed out`, { vendor });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  // undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port") is on the cause.
  const detail =
    (cause as { code?: string } | undefined)?.code ??
    cause?.message ??
    (error instanceof Error ? error.message : 'error');
  return new NetworkError(`Could not reach ${vendor} at ${host}: ${detail}`, { vendor });
}

function safeHost(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    return parsed.host;
  } catch {
    return 'an invalid URL';
  }
}
