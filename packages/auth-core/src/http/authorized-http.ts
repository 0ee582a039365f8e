import type { z } from 'zod';
import { sleep } from '../abort.js';
import {
  ApiError,
  NotFoundError,
  RateLimitError,
  ResponseShapeError,
  type TokenwiseError,
} from '../errors.js';
import { parseRetryAfter } from '../retry-after.js';
import type { SessionBase } from '../session.js';
import type { SessionManager } from '../session-manager.js';
import type { AuthStrategy } from '../strategy.js';
import { DEFAULT_MAX_BODY_BYTES, readBodyBytes } from './body-limit.js';
import { CallDeadline } from './call-deadline.js';
import { parseWithSchema } from './parse-with-schema.js';
import { ReadResponse } from './read-response.js';
import type { VendorErrorMapper } from './request-json.js';
import type { RequestParts } from './request-parts.js';
import { type RetryPolicy, retryDelay } from './retry-policy.js';

/** Options of {@link AuthorizedHttp}. */
export interface AuthorizedHttpOptions<S extends SessionBase> {
  /** The account's manager; its strategy authorizes every attempt. */
  manager: SessionManager<S>;
  /** Base URL every relative path is resolved against. */
  baseUrl: string;
  /** The `fetch` every attempt is sent with (a test's or a proxy's). Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Deadline of one call, in ms: getting the session, every attempt, the
   * waits between them and reading the whole body. Default 30 000 ms.
   * Passing it fails the call with a `TimeoutError`.
   */
  timeoutMs?: number | undefined;
  /**
   * Retries of idempotent calls on 408/429/5xx, honouring a `Retry-After` up to
   * `maxRetryAfterMs` (see `retryDelay` for the full rule). Default 2.
   */
  retries?: number | undefined;
  /** Longest Retry-After honoured automatically; a longer one fails at once. Default 30 000 ms. */
  maxRetryAfterMs?: number | undefined;
  /**
   * Largest response body read, in bytes. A larger body (or `content-length`)
   * fails with a `ResponseTooLargeError` and the connection is closed. Default 10 MiB.
   */
  maxBodyBytes?: number | undefined;
  /** Vendor-specific error payloads -> core errors. */
  mapError?: VendorErrorMapper | undefined;
  /** Extra headers on every request (User-Agent, app ids). */
  headers?: Record<string, string> | undefined;
}

/** Options of one call through {@link AuthorizedHttp}. */
export interface CallOptions {
  method?: string;
  json?: unknown;
  searchParams?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  /** Aborting it fails the call with core's `AbortError`. */
  signal?: AbortSignal;
  /** Send without a session (public endpoints). */
  skipAuth?: boolean;
  /** This call's body limit, overriding the client's `maxBodyBytes` (e.g. for a document download). */
  maxBodyBytes?: number;
}

/**
 * Authorized calls on `fetch`. Every attempt gets a session from the manager,
 * lets the strategy add its credentials to plain request parts, and sends them
 * with exactly one `fetch` call. When the vendor rejects the session, exactly
 * the session that attempt carried is invalidated (compare-and-swap) and the
 * call is replayed once with the renewed one — POSTs included, never more.
 * One deadline covers the whole call including the body, which is read up to
 * `maxBodyBytes`. Every failure surfaces as a typed core error.
 *
 * Built on `fetch` rather than ky: ky authorizes in a hook that receives an
 * already built `Request` (putting a token in the query or body means wrapping
 * it in another `Request`, whose abort link undici loses after a GC), and its
 * timeout ends when the headers arrive.
 */
export class AuthorizedHttp<S extends SessionBase> {
  readonly #manager: SessionManager<S>;
  readonly #strategy: AuthStrategy<S>;
  readonly #mapError: VendorErrorMapper | undefined;
  readonly #vendor: string;
  readonly #baseUrl: string;
  readonly #fetch: typeof globalThis.fetch;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #retry: RetryPolicy;
  readonly #headers: Record<string, string>;

  constructor(options: AuthorizedHttpOptions<S>) {
    this.#manager = options.manager;
    this.#strategy = options.manager.strategy;
    this.#mapError = options.mapError;
    this.#vendor = this.#strategy.vendor;
    this.#baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#retry = { retries: options.retries ?? 2, maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000 };
    this.#headers = options.headers ?? {};
  }

  /** The base URL relative paths are resolved against, without a trailing slash. */
  get baseUrl(): string {
    return this.#baseUrl.slice(0, -1);
  }

  /**
   * Sends a call and returns the successful response, its body already read
   * (within the deadline and the size limit) and readable again; failures throw typed errors.
   */
  async request(path: string, options: CallOptions = {}): Promise<Response> {
    return this.#send(path, options);
  }

  /** Sends a call and validates its JSON body with `schema`. */
  async json<T>(path: string, schema: z.ZodType<T>, options: CallOptions = {}): Promise<T> {
    const response = await this.#send(path, options);
    const body = response.parsed();
    if (body.kind === 'text') {
      throw new ResponseShapeError(`The response of ${path} from ${this.#vendor} is not JSON`, {
        vendor: this.#vendor,
      });
    }
    const mapped = this.#mapError?.(response, body.value);
    if (mapped) throw mapped;
    return parseWithSchema(schema, body.value, `response of ${path}`, this.#vendor);
  }

  async #send(path: string, options: CallOptions): Promise<ReadResponse> {
    const relative = path.startsWith('/') ? path.slice(1) : path;
    const method = (options.method ?? (options.json === undefined ? 'GET' : 'POST')).toUpperCase();
    const deadline = new CallDeadline(this.#timeoutMs, options.signal);
    const what = `response of ${withoutQuery(relative)}`;
    let replayed = false;
    let retriesDone = 0;
    try {
      for (;;) {
        // A spent quota (seen here or by any instance sharing the store): refused, nothing sent.
        // Each attempt spends a unit of this instance's share of it.
        const quota = this.#manager.requestQuota;
        const permit = quota.idle ? undefined : await quota.gate(deadline.signal, deadline.remainingMs());
        let session: S | undefined;
        let response: Response;
        let sent = false;
        const parts = this.#parts(relative, method, options, deadline.signal);
        try {
          if (options.skipAuth !== true) {
            session = await this.#manager.get(deadline.signal);
            // Most strategies authorize synchronously: no extra turn of the microtask queue for them.
            const authorizing = this.#strategy.authorize(parts, session);
            if (authorizing !== undefined) await authorizing;
          }
          sent = true;
          const init: RequestInit = { method: parts.method, headers: parts.headers, signal: deadline.signal };
          if (parts.json !== undefined) init.body = JSON.stringify(parts.json);
          response = await this.#fetch(parts.url.href, init);
        } catch (error) {
          await quota.release(permit, sent);
          throw error;
        }
        // Read once: every getter of undici's Response checks its brand.
        const { status, ok, headers } = response;
        // Most vendors send no quota: no permit and no `RateLimit` header means nothing to take up.
        const spentForMs =
          permit === undefined && !headers.has('ratelimit')
            ? undefined
            : await quota.observe(headers, status, permit);
        const maxBytes = options.maxBodyBytes ?? this.#maxBodyBytes;
        const answer = new ReadResponse(
          response,
          await readBodyBytes(response, maxBytes, this.#vendor, what),
        );
        // A 429 is a rate limit, never an authentication failure: the session is not dropped for it.
        const checkAuth =
          session !== undefined &&
          status !== 429 &&
          (!ok || this.#strategy.authFailureOnlyOnErrorStatus !== true);
        // Awaited only when the strategy answers with a promise (most answer at once).
        const verdict = checkAuth && this.#strategy.isAuthFailure(answer, parts);
        if (typeof verdict === 'boolean' ? verdict : await verdict) {
          if (!replayed && session !== undefined) {
            replayed = true;
            this.#manager.invalidate(session, `HTTP ${status} on /${withoutQuery(relative)}`);
            continue;
          }
          // A freshly renewed session rejected too: not an expiry problem. The caller's parser
          // (or mapError) sees the vendor's own answer.
          if (ok) return answer;
        }
        if (!ok) {
          // The quota is spent until its reset: retrying within this call could only earn another 429.
          if (status === 429 && spentForMs !== undefined) {
            throw quotaSpentError(spentForMs, this.#vendor, relative);
          }
          const waitMs = retryDelay(this.#retry, method, response, retriesDone, deadline.remainingMs());
          if (waitMs !== undefined) {
            retriesDone++;
            await sleep(waitMs, deadline.signal);
            continue;
          }
          throw this.#statusError(answer, relative);
        }
        if (session !== undefined) this.#manager.touch(session);
        return answer;
      }
    } catch (error) {
      throw deadline.toTypedError(error, this.#vendor, this.#baseUrl, what);
    } finally {
      deadline.dispose();
    }
  }

  #parts(relative: string, method: string, options: CallOptions, signal: AbortSignal): RequestParts {
    // Parsing one string costs less than half of resolving against the base.
    const url = PLAIN_PATH.test(relative)
      ? new URL(this.#baseUrl + relative)
      : new URL(relative, this.#baseUrl);
    if (options.searchParams !== undefined) {
      for (const [key, value] of Object.entries(options.searchParams))
        url.searchParams.set(key, String(value));
    }
    const headers = new Headers(this.#headers);
    if (options.headers !== undefined) {
      for (const [key, value] of Object.entries(options.headers)) headers.set(key, value);
    }
    if (options.json !== undefined && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    return { url, method, headers, json: options.json, signal };
  }

  #statusError(response: ReadResponse, path: string): TokenwiseError {
    const mapped = this.#mapError?.(response, response.parsed().value);
    if (mapped) return mapped;
    return httpStatusError(response, this.#vendor, path);
  }
}

/**
 * A path of letters, digits, `-._~%/` not starting with `/`: no scheme, host, query or fragment
 * of its own, so appending it to the base (which ends in `/`) parses to what resolving it would.
 */
const PLAIN_PATH = /^(?!\/)[\w\-.~%/]*$/;

function withoutQuery(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

function quotaSpentError(waitMs: number, vendor: string, path: string): RateLimitError {
  return new RateLimitError(
    `${vendor} rate-limited ${withoutQuery(path)} (HTTP 429): the request quota is spent; calls resume in ${Math.ceil(waitMs / 1000)} s`,
    { retryAfterMs: waitMs, vendor },
  );
}

function httpStatusError(response: Response, vendor: string, path: string): TokenwiseError {
  const shown = withoutQuery(path);
  const message = `${vendor} answered HTTP ${response.status} to ${shown}`;
  if (response.status === 404) return new NotFoundError(message, { status: 404, vendor });
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now()) ?? 0;
    return new RateLimitError(`${vendor} rate-limited ${shown} (HTTP 429)`, { retryAfterMs, vendor });
  }
  return new ApiError(message, { status: response.status, vendor });
}
