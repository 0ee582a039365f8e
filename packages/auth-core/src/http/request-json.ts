import type { z } from 'zod';
import {
  ApiError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ResponseShapeError,
  type TokenwiseError,
} from '../errors.js';
import { parseRetryAfter } from '../retry-after.js';
import { DEFAULT_MAX_BODY_BYTES, readBodyBytes } from './body-limit.js';
import { CallDeadline } from './call-deadline.js';
import { parseBodyBytes, type ReadBody } from './parse-body-bytes.js';
import { parseWithSchema } from './parse-with-schema.js';
import { ReadResponse } from './read-response.js';

export { networkError } from './network-error.js';
export { parseBodyBytes, type ReadBody } from './parse-body-bytes.js';

/**
 * Lets a vendor turn its own error payloads into core errors. Return
 * `undefined` to fall back to the generic mapping. `body` is the parsed JSON
 * (or the raw text when it is not JSON).
 */
export type VendorErrorMapper = (response: Response, body: unknown) => TokenwiseError | undefined;

/** Options of {@link requestJson}. */
export interface RequestJsonOptions<T> {
  /** The `fetch` the call is sent with: the client's, so that tests and proxies see it. */
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
  /** Current time, epoch ms, for reading a dated `Retry-After`: the manager's clock. Default `Date.now`. */
  now?: () => number;
  /**
   * Deadline of the whole call, headers and body, in ms. Default 30 000.
   * `signal` (e.g. a renewal's deadline) still applies on top.
   */
  timeoutMs?: number;
  /** Largest response body read, in bytes; a larger one is a `ResponseTooLargeError`. Default 10 MiB. */
  maxBodyBytes?: number;
}

/**
 * One JSON call without a session (logins, refreshes): sends, maps every
 * failure to a typed error, validates the body with zod. One deadline
 * (`timeoutMs`, plus `signal`) covers the headers and the whole body, which
 * is read up to `maxBodyBytes`. Never includes the request body or headers in an error.
 */
export async function requestJson<T>(options: RequestJsonOptions<T>): Promise<T> {
  const { response, bytes } = await send(options, 'application/json');
  const parsedBody = parseBodyBytes(bytes);
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

/** Options of {@link requestText}: those of {@link requestJson} without a schema. */
export type RequestTextOptions = Omit<RequestJsonOptions<unknown>, 'schema'>;

/**
 * {@link requestJson} for endpoints that answer with plain text (a bare
 * token): the same deadline, size limit and error mapping (`mapError` gets
 * the text), and the text of a 2xx answer is returned as it is.
 */
export async function requestText(options: RequestTextOptions): Promise<string> {
  const { response, bytes } = await send(options, 'text/plain, application/json');
  const text = new TextDecoder().decode(bytes);
  const mapped = options.mapError?.(response, text);
  if (mapped) throw mapped;
  if (!response.ok) throw httpError(response, options);
  return text;
}

/** Sends one call and reads its whole body under one deadline. */
async function send(
  options: RequestTextOptions,
  accept: string,
): Promise<{ response: Response; bytes: Uint8Array }> {
  const headers: Record<string, string> = { accept, ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const deadline = new CallDeadline(options.timeoutMs ?? 30_000, options.signal);
  try {
    const response = await options.fetch(options.url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: deadline.signal,
    });
    const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const bytes = await readBodyBytes(response, maxBytes, options.vendor, options.what);
    return { response, bytes };
  } catch (error) {
    throw deadline.toTypedError(error, options.vendor, options.url, options.what);
  } finally {
    deadline.dispose();
  }
}

/**
 * Reads a response body (up to `maxBytes`, default 10 MiB) as JSON when it is
 * JSON, else as text. For bodies a strategy inspects in `isAuthFailure`.
 */
export async function readBody(
  response: Response,
  vendor: string,
  what: string,
  maxBytes: number = DEFAULT_MAX_BODY_BYTES,
): Promise<ReadBody> {
  // An answer AuthorizedHttp already read: its body, parsed once for every reader.
  if (response instanceof ReadResponse) return response.parsed();
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(response, maxBytes, vendor, what);
  } catch (error) {
    if (error instanceof ResponseShapeError) throw error;
    throw new NetworkError(`The ${what} from ${vendor} was cut off`, { vendor, cause: error });
  }
  return parseBodyBytes(bytes);
}

function httpError(response: Response, options: RequestTextOptions): TokenwiseError {
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
