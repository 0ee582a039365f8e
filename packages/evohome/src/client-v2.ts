import type { AuthorizedHttp, SessionManager } from '@tokenwise/auth-core/vendor';
import { fetchInstallation, fetchLocationStatus, fetchUserAccount, requireLocationId } from './api-v2.js';
import { V2_BASE_PATH } from './constants.js';
import { closedError, type EvohomeCommonOptions, resolveOptions, strategyOptionsOf } from './options.js';
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
  /** The API host in use. */
  readonly hostname: string;
  readonly #http: AuthorizedHttp<EvohomeV2Session>;
  #userId: string | undefined;
  #closed = false;

  constructor(options: EvohomeV2ClientOptions) {
    const resolved = resolveOptions(options, 'EvohomeV2Client');
    this.hostname = resolved.hostname;
    ({ manager: this.manager, http: this.#http } = createTransport(
      createEvohomeV2Strategy(strategyOptionsOf(resolved)),
      resolved,
      V2_BASE_PATH,
    ));
  }

  /** The account (`GET userAccount`). Its `userId` is remembered for {@link installation}. */
  async userAccount(signal?: AbortSignal): Promise<V2UserAccount> {
    this.#assertOpen();
    const account = await fetchUserAccount(this.#http, signal);
    this.#userId = account.userId;
    return account;
  }

  /** Configuration of every location: gateways, systems, zones, hot water, allowed modes. */
  async installation(signal?: AbortSignal): Promise<V2LocationInstallation[]> {
    this.#assertOpen();
    const userId = this.#userId ?? (await this.userAccount(signal)).userId;
    return fetchInstallation(this.#http, userId, signal);
  }

  /** Status of one location: temperatures, set points, system mode and active faults. Poll this. */
  async locationStatus(locationId: string | number, signal?: AbortSignal): Promise<V2LocationStatus> {
    this.#assertOpen();
    return fetchLocationStatus(this.#http, requireLocationId(locationId), signal);
  }

  /** Stops background persistence. The stored tokens stay for the next run. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.manager.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError('EvohomeV2Client');
  }
}
