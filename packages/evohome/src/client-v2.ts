import {
  type AuthorizedHttp,
  type CallOptions,
  ClientLifecycle,
  type SessionManager,
} from '@tokenwise/auth-core/vendor';
import { fetchInstallation, fetchLocationStatus, fetchUserAccount, requireLocationId } from './api-v2.js';
import { V2_BASE_PATH, VENDOR } from './constants.js';
import { type EvohomeCommonOptions, resolveOptions, strategyOptionsOf } from './options.js';
import type { EvohomeV2Session } from './schemas/session.js';
import type { V2LocationInstallation, V2LocationStatus, V2UserAccount } from './schemas/v2.js';
import { createEvohomeV2Strategy } from './strategy-v2.js';
import { createTransport } from './transport.js';

/** Options of {@link EvohomeV2Client}. */
export type EvohomeV2ClientOptions = EvohomeCommonOptions;

/**
 * The V2 (OAuth) client: account, installation and per-location status.
 * Tokens live 30 min and are renewed by refresh grant; the password is sent
 * again only when the vendor rejects the refresh token. Lazy: constructing
 * it does no I/O.
 */
export class EvohomeV2Client {
  /** The session manager (events, stats, `clear()` to log out). */
  readonly manager: SessionManager<EvohomeV2Session>;
  /** The API origin in use: the `baseUrl` option, else `TOKENWISE_EVOHOME_URL`, else the vendor's. */
  readonly baseUrl: string;
  readonly #http: AuthorizedHttp<EvohomeV2Session>;
  readonly #lifecycle = new ClientLifecycle('EvohomeV2Client', VENDOR);
  #userId: string | undefined;

  constructor(options: EvohomeV2ClientOptions) {
    const resolved = resolveOptions(options, 'EvohomeV2Client');
    this.baseUrl = resolved.baseUrl;
    ({ manager: this.manager, http: this.#http } = createTransport(
      createEvohomeV2Strategy(strategyOptionsOf(resolved)),
      resolved,
      V2_BASE_PATH,
    ));
  }

  /** The account (`GET userAccount`). Its `userId` is remembered for {@link installation}. */
  async userAccount(signal?: AbortSignal): Promise<V2UserAccount> {
    this.#lifecycle.assertOpen();
    const account = await fetchUserAccount(this.#http, signal);
    this.#userId = account.userId;
    return account;
  }

  /** Configuration of every location: gateways, systems, zones, hot water, allowed modes. */
  async installation(signal?: AbortSignal): Promise<V2LocationInstallation[]> {
    this.#lifecycle.assertOpen();
    const userId = this.#userId ?? (await this.userAccount(signal)).userId;
    return fetchInstallation(this.#http, userId, signal);
  }

  /** Status of one location: temperatures, set points, system mode and active faults. Poll this. */
  async locationStatus(locationId: string | number, signal?: AbortSignal): Promise<V2LocationStatus> {
    this.#lifecycle.assertOpen();
    return fetchLocationStatus(this.#http, requireLocationId(locationId), signal);
  }

  /**
   * An authorized call to any V2 endpoint this client does not wrap. `path`
   * is relative to the V2 API (`<baseUrl>/WebAPI/emea/api/v1/`), e.g.
   * `'location/2738909/status'`. The token is renewed once and the call
   * replayed when the vendor rejects it; failures are typed errors. The
   * response body is already read.
   */
  async request(path: string, init?: CallOptions): Promise<Response> {
    this.#lifecycle.assertOpen();
    return this.#http.request(path, init);
  }

  /** Stops background persistence. The stored tokens stay for the next run. Idempotent; later calls fail with `ClientClosedError`. */
  close(): Promise<void> {
    return this.#lifecycle.close(() => this.manager.close());
  }

  /** {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
