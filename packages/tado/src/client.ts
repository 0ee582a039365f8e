import {
  AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  type ClientOptions,
  ConfigurationError,
  checkClientOptions,
  checkDurationOption,
  checkSecretOption,
  checkStringOption,
  type OptionKeys,
  resolveBaseUrl,
  type Secret,
  SessionManager,
} from '@tokenwise/auth-core/vendor';
import { type CallSignalOptions, listItems } from './api.js';
import { TADO_PRODUCTION_URL, VENDOR } from './constants.js';
import { mapDataError } from './errors.js';
import type { TadoItem, TadoSession } from './schemas.js';
import { TadoStrategy } from './strategy.js';

/** Options of {@link TadoClient}. */
export interface TadoOptions extends ClientOptions {
  /** Login name; also names the stored session. Required. */
  username: string;
  /** Password; needed to log in (not while the store holds a renewable session). */
  password?: string | Secret | undefined;
  /** API base URL. Default `TOKENWISE_TADO_URL`, then the production URL. */
  baseUrl?: string | undefined;
  /** Renew this long before the access token expires. Default 60 000 ms. */
  refreshMarginMs?: number | undefined;
  /** Environment the base URL falls back to. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Every option of {@link TadoOptions}; the compiler keeps the list in step with the interface. */
const OPTION_KEYS = {
  username: true,
  password: true,
  baseUrl: true,
  refreshMarginMs: true,
  env: true,
  store: true,
  fetch: true,
  clock: true,
  timeoutMs: true,
  maxBackOffMs: true,
} as const satisfies OptionKeys<TadoOptions>;

/**
 * The Tado client: data calls on a session that renews itself (refresh
 * before expiry, a login when the refresh token is refused, one retry after a
 * 401), shared across clients and processes through the store.
 * `new TadoClient()` does no I/O; `TadoClient.create()` authenticates.
 */
export class TadoClient {
  /** The resolved base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The session manager: events, stats, `peek()`, `keepAlive()`. */
  readonly manager: SessionManager<TadoSession>;
  readonly #http: AuthorizedHttp<TadoSession>;
  readonly #lifecycle = new ClientLifecycle('Tado', VENDOR);

  /** Builds a client without contacting Tado. Throws `ConfigurationError` for missing or bad options. */
  constructor(options: TadoOptions) {
    const owner = 'Tado';
    const checked = checkClientOptions(options, owner, OPTION_KEYS, VENDOR);
    const name = (option: string) => `${owner} option \`${option}\``;
    const username = checkStringOption(checked.username, name('username'), VENDOR);
    if (username === undefined) {
      throw new ConfigurationError(`${owner} needs \`username\``, { vendor: VENDOR });
    }
    const password = checkSecretOption(checked.password, name('password'), VENDOR);
    checkDurationOption(checked.refreshMarginMs, name('refreshMarginMs'), VENDOR);
    if (checked.env !== undefined && (typeof checked.env !== 'object' || checked.env === null)) {
      throw new ConfigurationError(`${name('env')} must be an object of environment variables`, {
        vendor: VENDOR,
      });
    }
    this.baseUrl = resolveBaseUrl({
      vendor: VENDOR,
      option: options.baseUrl,
      optionName: name('baseUrl'),
      env: options.env,
      defaultUrl: TADO_PRODUCTION_URL,
    });
    const strategy = new TadoStrategy({ baseUrl: this.baseUrl, username, password, fetch: options.fetch });
    this.manager = new SessionManager<TadoSession>({
      strategy,
      store: options.store,
      clock: options.clock,
      refreshMarginMs: options.refreshMarginMs,
      maxBackOffMs: options.maxBackOffMs,
    });
    this.#http = new AuthorizedHttp<TadoSession>({
      manager: this.manager,
      baseUrl: this.baseUrl,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      mapError: mapDataError,
    });
  }

  /** A client with a valid session: the stored one if the store has it, otherwise a login. */
  static async create(options: TadoOptions): Promise<TadoClient> {
    const client = new TadoClient(options);
    try {
      await client.manager.get();
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /** The account's items. Placeholder: replace with the vendor's data calls (in `api.ts`). */
  async items(options: CallSignalOptions = {}): Promise<TadoItem[]> {
    this.#lifecycle.assertOpen();
    return listItems(this.#http, options);
  }

  /**
   * An authorized call to any endpoint the SDK does not wrap: `path` is
   * relative to {@link TadoClient.baseUrl}. A rejected session is renewed
   * once and the call replayed; errors are typed. The body is already read.
   */
  async request(path: string, init: CallOptions = {}): Promise<Response> {
    this.#lifecycle.assertOpen();
    return this.#http.request(path, init);
  }

  /** Releases the client; every later call fails with `ClientClosedError`. Idempotent; the stored session stays. */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.manager.close());
  }

  /** Same as {@link TadoClient.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
