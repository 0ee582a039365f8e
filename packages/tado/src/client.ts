import {
  AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  checkCountOption,
  checkFunctionOption,
  SessionManager,
  systemClock,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import { TadoApi } from './api.js';
import { resolveTadoOptions, type TadoBaseUrls, type TadoOptions } from './client-options.js';
import { DEVICE_LOGIN_TIMEOUT_MS, VENDOR } from './constants.js';
import type { DeviceCodeHandler } from './device-code.js';
import { restErrorMapper } from './errors.js';
import type { TadoSession } from './schemas.js';
import { TadoStrategy } from './strategy.js';

/** Options of {@link Tado.login}. */
export interface TadoLoginOptions {
  /** Shows this login's device code; default the client's `onDeviceCode`. */
  onDeviceCode?: DeviceCodeHandler | undefined;
  /** Stops waiting for the approval (the poll ends with `AbortError`). */
  signal?: AbortSignal | undefined;
}

/**
 * The tado° client: a device login a person approves once, then sessions
 * that renew themselves with single-use refresh tokens — exactly one refresh
 * per rotation across every client, process and host sharing the store — and
 * the thermostat calls. `new Tado()` does no I/O.
 */
export class Tado extends TadoApi {
  /** The resolved hosts, without trailing slashes. */
  readonly baseUrl: TadoBaseUrls;
  /** The session manager: events, stats, `peek()`, `keepAlive()`. */
  readonly manager: SessionManager<TadoSession>;
  readonly #strategy: TadoStrategy;
  readonly #http: AuthorizedHttp<TadoSession>;
  readonly #lifecycle: ClientLifecycle;

  /** Builds a client without contacting tado. Throws `ConfigurationError` for bad options. */
  constructor(options: TadoOptions = {}) {
    const owner = 'Tado';
    const resolved = resolveTadoOptions(options, owner);
    const retries = checkCountOption(options.retries, `${owner} option \`retries\``, VENDOR);
    const strategy = new TadoStrategy({
      // Read when the strategy first refreshes, after the manager below exists (and chose its store).
      store: (): TokenStore => manager.store,
      authUrl: resolved.baseUrl.auth,
      account: resolved.account,
      onDeviceCode: resolved.onDeviceCode,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    const manager = new SessionManager<TadoSession>({
      strategy,
      store: options.store,
      clock: options.clock ?? systemClock,
      maxBackOffMs: options.maxBackOffMs,
      // A device login waits for a person (tado's codes last 5 minutes); a refresh does not.
      ...(resolved.onDeviceCode === undefined ? {} : { renewTimeoutMs: DEVICE_LOGIN_TIMEOUT_MS }),
    });
    const http = new AuthorizedHttp<TadoSession>({
      manager,
      baseUrl: resolved.baseUrl.api,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      retries,
      mapError: restErrorMapper,
    });
    const lifecycle = new ClientLifecycle('Tado', VENDOR);
    super(
      http,
      () => lifecycle.assertOpen(),
      () => manager.peek()?.homeIds,
    );
    this.baseUrl = resolved.baseUrl;
    this.manager = manager;
    this.#strategy = strategy;
    this.#http = http;
    this.#lifecycle = lifecycle;
  }

  /**
   * A new device login, whatever the store holds: announces the link and code
   * through `onDeviceCode` (this call's, else the client's), polls until a
   * person approves, and stores the session for every process sharing the
   * store. Ends with `DeviceCodeExpiredError`, `DeviceCodeDeniedError`,
   * `AbortError`, or `TadoLoginRequiredError` when nothing can show the code.
   */
  async login(options: TadoLoginOptions = {}): Promise<void> {
    this.#lifecycle.assertOpen();
    checkFunctionOption(options.onDeviceCode, 'Tado.login option `onDeviceCode`', VENDOR);
    await this.#strategy.withDeviceCodeHandler(options.onDeviceCode, () =>
      this.manager.renew({ login: true, signal: options.signal }),
    );
  }

  /**
   * A usable session: the stored one (renewed with its refresh token when
   * due), else a device login when `onDeviceCode` is set, else
   * `TadoLoginRequiredError` at once.
   */
  async ensureSession(signal?: AbortSignal): Promise<void> {
    this.#lifecycle.assertOpen();
    await this.manager.get(signal);
  }

  /**
   * An authorized call to any my.tado.com path the SDK does not wrap,
   * relative to `baseUrl.api` (e.g. `homes/1/weather`). A rejected session is
   * renewed once and the call replayed; errors are typed; a 429 is a
   * `RateLimitError`, never an authentication failure.
   */
  async request(path: string, init: CallOptions = {}): Promise<Response> {
    this.#lifecycle.assertOpen();
    return this.#http.request(path, init);
  }

  /** Forgets the session here and in the store (tado has no logout endpoint). */
  async logout(): Promise<void> {
    this.#lifecycle.assertOpen();
    await this.manager.clear();
  }

  /** Releases the client; every later call fails with `ClientClosedError`. Idempotent. */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.manager.close());
  }

  /** Same as {@link Tado.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
