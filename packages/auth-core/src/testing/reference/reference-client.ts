import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { AuthorizedHttp } from '../../http/authorized-http.js';
import type { Secret } from '../../secret.js';
import { SessionManager } from '../../session-manager.js';
import type { TokenStore } from '../../store/token-store.js';
import { createReferenceStrategy, type ReferenceSession } from './reference-strategy.js';

/** Options of {@link ReferenceClient}. */
export interface ReferenceClientOptions {
  /** The reference cloud's URL (its login, refresh and data paths hang below it). */
  baseUrl: string;
  /** The account's user name; also the store key's account. */
  username: string;
  /** The account's password. */
  password: string | Secret;
  /** Where the session is kept. Default a `MemoryStore`. */
  store?: TokenStore;
  /** The fetch every call goes through. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** The clock expiry is judged by. Default the system clock. */
  clock?: Clock;
  /** Renew this long before expiry. Default 60 s. */
  refreshMarginMs?: number;
}

const itemsSchema = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });

/** A minimal vendor-style client on the reference flow: what every vendor client looks like. */
export class ReferenceClient {
  /** The session manager that logs in, renews and stores for this client. */
  readonly manager: SessionManager<ReferenceSession>;
  readonly #http: AuthorizedHttp<ReferenceSession>;

  constructor(options: ReferenceClientOptions) {
    const strategy = createReferenceStrategy({
      baseUrl: options.baseUrl,
      username: options.username,
      password: options.password,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.manager = new SessionManager({
      strategy,
      store: options.store,
      clock: options.clock,
      refreshMarginMs: options.refreshMarginMs,
    });
    this.#http = new AuthorizedHttp({
      manager: this.manager,
      baseUrl: options.baseUrl,
      fetch: options.fetch,
    });
  }

  /** Lists the account's items (an authorized GET). */
  async items(signal?: AbortSignal): Promise<Array<{ id: number; name: string }>> {
    const body = await this.#http.json('api/items', itemsSchema, signal ? { signal } : {});
    return body.items;
  }

  /** Closes the session manager; idempotent. */
  async close(): Promise<void> {
    await this.manager.close();
  }

  /** Same as `close()`, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
