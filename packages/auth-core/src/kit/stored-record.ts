import type { z } from 'zod';
import type { StoreSetOptions, TokenStore } from '../store/token-store.js';

/** Options of {@link StoredRecord}. */
export interface StoredRecordOptions<T> {
  store: TokenStore;
  /** The record's store key; prefix it with the vendor name (`cozify-state:<e-mail>`). */
  key: string;
  /** Validates what is read back; a value that does not match reads as absent. */
  schema: z.ZodType<T>;
}

/**
 * A small JSON record of a vendor's own beside the sessions — account
 * metadata such as a hub list or the store's current account — read and
 * changed atomically under the store's lock for its key, so every process
 * sharing the store sees one picture and no writer loses another's change.
 * Never for credentials: sessions go through the `SessionManager`.
 */
export class StoredRecord<T> {
  /** The store key. */
  readonly key: string;
  readonly #store: TokenStore;
  readonly #schema: z.ZodType<T>;

  constructor(options: StoredRecordOptions<T>) {
    this.#store = options.store;
    this.key = options.key;
    this.#schema = options.schema;
  }

  /** The record, or `undefined` when there is none or it does not match the schema. */
  async read(): Promise<T | undefined> {
    const parsed = this.#schema.safeParse(await this.#store.get(this.key));
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Read-modify-write under the lock: `change` gets the current record and
   * returns the next one (`undefined` deletes it). Resolves with what was written.
   */
  update(
    change: (current: T | undefined) => T | undefined,
    options: StoreSetOptions = {},
  ): Promise<T | undefined> {
    return this.#store.withLock(this.key, async () => {
      const next = change(await this.read());
      if (next === undefined) await this.#store.delete(this.key);
      else await this.#store.set(this.key, next, options);
      return next;
    });
  }

  /** Deletes the record under the lock. */
  delete(): Promise<void> {
    return this.#store.withLock(this.key, () => this.#store.delete(this.key));
  }
}
