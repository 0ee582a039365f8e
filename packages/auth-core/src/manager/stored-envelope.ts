import { StoreError } from '../errors.js';
import { SESSION_SCHEMA_VERSION, type SessionBase } from '../session.js';
import type { TokenStore } from '../store/token-store.js';
import type { AuthStrategy } from '../strategy.js';

/**
 * One account's session as the store holds it: `{ schemaVersion, session }`.
 * A value that is not such an envelope, or whose session the strategy's
 * schema refuses, reads as "no session" and is reported, never thrown: a
 * corrupt entry must lead to a login, not to a dead client.
 */
export class StoredEnvelope<S extends SessionBase> {
  readonly #store: TokenStore;
  readonly #key: string;
  readonly #strategy: AuthStrategy<S>;
  readonly #report: (error: unknown, during: string) => void;

  constructor(
    store: TokenStore,
    key: string,
    strategy: AuthStrategy<S>,
    report: (error: unknown, during: string) => void,
  ) {
    this.#store = store;
    this.#key = key;
    this.#strategy = strategy;
    this.#report = report;
  }

  async read(): Promise<S | undefined> {
    const raw = await this.#store.get(this.#key);
    if (raw === undefined || raw === null) return undefined;
    const envelope = raw as { schemaVersion?: unknown; session?: unknown };
    if (typeof envelope !== 'object' || typeof envelope.schemaVersion !== 'number') {
      this.#report(
        new StoreError(`The stored value of ${this.#key} is not a session envelope`),
        'store read',
      );
      return undefined;
    }
    const parsed = this.#strategy.schema.safeParse(envelope.session);
    if (!parsed.success) {
      this.#report(
        new StoreError(
          `The stored session of ${this.#key} does not match the ${this.#strategy.vendor} schema`,
        ),
        'store read',
      );
      return undefined;
    }
    return parsed.data;
  }

  async write(session: S): Promise<void> {
    // A refreshable session outlives its access token: stores with expiry (Redis) must keep it
    // until the strategy says it is useless, or until forever when the strategy cannot tell.
    const keepUntil = this.#strategy.storeExpiresAt
      ? this.#strategy.storeExpiresAt(session)
      : this.#strategy.refresh
        ? undefined
        : session.expiresAt;
    await this.#store.set(
      this.#key,
      { schemaVersion: SESSION_SCHEMA_VERSION, session },
      keepUntil === undefined ? {} : { expiresAt: keepUntil },
    );
  }

  delete(): Promise<void> {
    return this.#store.delete(this.#key);
  }
}
