import {
  AuthorizedHttp,
  type CallOptions,
  type ClientOptions,
  ClientLifecycle,
  checkClientOptions,
  checkDurationOption,
  checkSecretOption,
  checkStringOption,
  ConfigurationError,
  type OptionKeys,
  resolveBaseUrl,
  type Secret,
  SessionManager,
} from '@tokenwise/auth-core/vendor';
import { type CallSignalOptions, listItems } from './api.js';
import { __VENDOR___PRODUCTION_URL, VENDOR } from './constants.js';
import { mapDataError } from './errors.js';
import type { __Vendor__Item, __Vendor__Session } from './schemas.js';
import { __Vendor__Strategy } from './strategy.js';

/** Options of {@link __Vendor__Client}. */
export interface __Vendor__Options extends ClientOptions {
  /** Login name; also names the stored session. Required. */
  username: string;
  /** Password; needed to log in (not while the store holds a renewable session). */
  password?: string | Secret | undefined;
  /** API base URL. Default `TOKENWISE___VENDOR___URL`, then the production URL. */
  baseUrl?: string | undefined;
  /** Renew this long before the access token expires. Default 60 000 ms. */
  refreshMarginMs?: number | undefined;
  /** Environment the base URL falls back to. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Every option of {@link __Vendor__Options}; the compiler keeps the list in step with the interface. */
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
} as const satisfies OptionKeys<__Vendor__Options>;

/**
 * The __Vendor__ client: data calls on a session that renews itself (refresh
 * before expiry, a login when the refresh token is refused, one retry after a
 * 401), shared across clients and processes through the store.
 * `new __Vendor__Client()` does no I/O; `__Vendor__Client.create()` authenticates.
 */
export class __Vendor__Client {
  /** The resolved base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The session manager: events, stats, `peek()`, `keepAlive()`. */
  readonly manager: SessionManager<__Vendor__Session>;
  readonly #http: AuthorizedHttp<__Vendor__Session>;
  readonly #lifecycle = new ClientLifecycle('__Vendor__', VENDOR);

  /** Builds a client without contacting __Vendor__. Throws `ConfigurationError` for missing or bad options. */
  constructor(options: __Vendor__Options) {
    const owner = '__Vendor__';
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
      defaultUrl: __VENDOR___PRODUCTION_URL,
    });
    const strategy = new __Vendor__Strategy({ baseUrl: this.baseUrl, username, password, fetch: options.fetch });
    this.manager = new SessionManager<__Vendor__Session>({
      strategy,
      store: options.store,
      clock: options.clock,
      refreshMarginMs: options.refreshMarginMs,
      maxBackOffMs: options.maxBackOffMs,
    });
    this.#http = new AuthorizedHttp<__Vendor__Session>({
      manager: this.manager,
      baseUrl: this.baseUrl,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      mapError: mapDataError,
    });
  }

  /** A client with a valid session: the stored one if the store has it, otherwise a login. */
  static async create(options: __Vendor__Options): Promise<__Vendor__Client> {
    const client = new __Vendor__Client(options);
    try {
      await client.manager.get();
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /** The account's items. Placeholder: replace with the vendor's data calls (in `api.ts`). */
  async items(options: CallSignalOptions = {}): Promise<__Vendor__Item[]> {
    this.#lifecycle.assertOpen();
    return listItems(this.#http, options);
  }

  /**
   * An authorized call to any endpoint the SDK does not wrap: `path` is
   * relative to {@link __Vendor__Client.baseUrl}. A rejected session is renewed
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

  /** Same as {@link __Vendor__Client.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
