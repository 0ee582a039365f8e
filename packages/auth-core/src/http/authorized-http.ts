import ky, { HTTPError, type KyInstance, type Options as KyOptions, TimeoutError } from 'ky';
import type { z } from 'zod';
import {
  ApiError,
  isTokenwiseError,
  NotFoundError,
  RateLimitError,
  ResponseShapeError,
  type TokenwiseError,
} from '../errors.js';
import { parseRetryAfter } from '../retry-after.js';
import type { SessionBase } from '../session.js';
import type { SessionManager } from '../session-manager.js';
import type { AuthStrategy } from '../strategy.js';
import { parseWithSchema } from './parse-with-schema.js';
import { networkError, readBody, type VendorErrorMapper } from './request-json.js';

/** Options of {@link AuthorizedHttp}. */
export interface AuthorizedHttpOptions<S extends SessionBase> {
  manager: SessionManager<S>;
  strategy: AuthStrategy<S>;
  /** Base URL every relative path is resolved against. */
  baseUrl: string;
  fetch?: typeof globalThis.fetch | undefined;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Retries of idempotent calls on 408/429/5xx, honouring Retry-After up to `maxRetryAfterMs`. Default 2. */
  retries?: number | undefined;
  /** Longest Retry-After honoured automatically. Default 30 000 ms. */
  maxRetryAfterMs?: number | undefined;
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
  signal?: AbortSignal;
  /** Send without a session (public endpoints). */
  skipAuth?: boolean;
}

interface CallState<S> {
  session: S | undefined;
  skipAuth: boolean;
}

/**
 * Authorized calls on a ky instance. ky's `beforeRequest` hook gets a session
 * from the manager and authorizes every attempt (ky's own retries of
 * 429/5xx included). When the vendor rejects the session, exactly the
 * session that request carried is invalidated (compare-and-swap) and the
 * call is replayed once with the renewed one — POSTs included, never more.
 * Every failure surfaces as a typed core error.
 *
 * The auth-failure check runs outside ky's `afterResponse` hooks because ky
 * tees every response for them; doing it here costs nothing on the hot path
 * for vendors that signal failures by status only.
 */
export class AuthorizedHttp<S extends SessionBase> {
  /** The underlying ky instance, for calls the helpers don't cover. */
  readonly ky: KyInstance;
  readonly #manager: SessionManager<S>;
  readonly #strategy: AuthStrategy<S>;
  readonly #mapError: VendorErrorMapper | undefined;
  readonly #vendor: string;
  readonly #baseUrl: string;

  constructor(options: AuthorizedHttpOptions<S>) {
    const { manager, strategy } = options;
    this.#manager = manager;
    this.#strategy = strategy;
    this.#mapError = options.mapError;
    this.#vendor = strategy.vendor;
    this.#baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    const kyOptions: KyOptions = {
      prefixUrl: this.#baseUrl,
      timeout: options.timeoutMs ?? 30_000,
      throwHttpErrors: true,
      retry: {
        limit: options.retries ?? 2,
        maxRetryAfter: options.maxRetryAfterMs ?? 30_000,
        backoffLimit: 5_000,
        jitter: true,
        // Errors raised by our own hook (a failed renewal, a rate-limit back-off) are final:
        // retrying them here would renew again behind the manager's back.
        shouldRetry: ({ error }) => (isTokenwiseError(error) ? false : undefined),
      },
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      hooks: {
        beforeRequest: [
          async (request, kyOpts) => {
            const state = callState<S>(kyOpts);
            if (!state || state.skipAuth) return undefined;
            const session = await manager.get(request.signal);
            state.session = session;
            return strategy.authorize(request, session);
          },
        ],
      },
    };
    this.ky = ky.create(kyOptions);
  }

  /** Sends a call and returns the raw successful response; failures throw typed errors. */
  async request(path: string, options: CallOptions = {}): Promise<Response> {
    const url = path.replace(/^\//, '');
    const skipAuth = options.skipAuth ?? false;
    for (let attempt = 0; ; attempt++) {
      const state: CallState<S> = { session: undefined, skipAuth };
      let response: Response;
      try {
        response = await this.ky(url, {
          method: options.method ?? (options.json === undefined ? 'get' : 'post'),
          ...(options.json === undefined ? {} : { json: options.json }),
          ...(options.searchParams ? { searchParams: options.searchParams } : {}),
          ...(options.headers ? { headers: options.headers } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          context: { tokenwise: state },
        });
      } catch (error) {
        if (
          attempt === 0 &&
          error instanceof HTTPError &&
          (await this.#rejectsSession(state, error.response.clone(), error.request, url))
        ) {
          continue;
        }
        throw await this.#toTypedError(error, url);
      }
      const session = state.session;
      if (session === undefined) return response;
      if (!this.#strategy.authFailureOnlyOnErrorStatus) {
        const sent = new Request(new URL(url, this.#baseUrl), { method: options.method ?? 'GET' });
        if (await this.#strategy.isAuthFailure(response.clone(), sent)) {
          if (attempt === 0) {
            this.#invalidate(session, response.status, url);
            continue;
          }
          // A freshly renewed session rejected too: not an expiry problem. The caller's parser
          // (or mapError) sees the vendor's own answer.
          return response;
        }
      }
      this.#manager.touch(session);
      return response;
    }
  }

  /** Sends a call and validates its JSON body with `schema`. */
  async json<T>(path: string, schema: z.ZodType<T>, options: CallOptions = {}): Promise<T> {
    const response = await this.request(path, options);
    const body = await readBody(response, this.#vendor, `response of ${path}`);
    if (body.kind === 'text') {
      throw new ResponseShapeError(`The response of ${path} from ${this.#vendor} is not JSON`, {
        vendor: this.#vendor,
      });
    }
    const mapped = this.#mapError?.(response, body.value);
    if (mapped) throw mapped;
    return parseWithSchema(schema, body.value, `response of ${path}`, this.#vendor);
  }

  async #rejectsSession(
    state: CallState<S>,
    response: Response,
    request: Request,
    path: string,
  ): Promise<boolean> {
    if (state.skipAuth || state.session === undefined) return false;
    if (!(await this.#strategy.isAuthFailure(response, request))) return false;
    this.#invalidate(state.session, response.status, path);
    return true;
  }

  #invalidate(session: S, status: number, path: string): void {
    this.#manager.invalidate(session, `HTTP ${status} on /${path.split('?')[0] ?? ''}`);
  }

  async #toTypedError(error: unknown, path: string): Promise<unknown> {
    if (error instanceof HTTPError) {
      const response = error.response;
      const body = await readBody(response, this.#vendor, `response of ${path}`).catch(() => undefined);
      const mapped = this.#mapError?.(response, body?.value);
      if (mapped) return mapped;
      return httpStatusError(response, this.#vendor, path);
    }
    if (error instanceof TimeoutError) return networkError(error, this.#vendor, this.#baseUrl);
    if (error instanceof Error && (error.name === 'TypeError' || error.name === 'AbortError')) {
      return networkError(error, this.#vendor, this.#baseUrl);
    }
    return error;
  }
}

function httpStatusError(response: Response, vendor: string, path: string): TokenwiseError {
  const message = `${vendor} answered HTTP ${response.status} to ${path}`;
  if (response.status === 404) return new NotFoundError(message, { status: 404, vendor });
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now()) ?? 0;
    return new RateLimitError(`${vendor} rate-limited ${path} (HTTP 429)`, { retryAfterMs, vendor });
  }
  return new ApiError(message, { status: response.status, vendor });
}

function callState<S>(options: unknown): CallState<S> | undefined {
  const context = (options as { context?: { tokenwise?: CallState<S> } }).context;
  return context?.tokenwise;
}
