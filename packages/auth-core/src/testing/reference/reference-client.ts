import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { AuthorizedHttp } from '../../http/authorized-http.js';
import type { Secret } from '../../secret.js';
import { SessionManager } from '../../session-manager.js';
import type { TokenStore } from '../../store/token-store.js';
import { createReferenceStrategy, type ReferenceSession } from './reference-strategy.js';

/** Options of {@link ReferenceClient}. */
export interface ReferenceClientOptions {
  baseUrl: string;
  username: string;
  password: string | Secret;
  store?: TokenStore;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  refreshMarginMs?: number;
}

const itemsSchema = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });

/** A minimal vendor-style client on the reference flow: what every vendor client looks like. */
export class ReferenceClient {
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

  async close(): Promise<void> {
    await this.manager.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
