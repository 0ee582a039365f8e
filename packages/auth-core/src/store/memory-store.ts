import { StoreError } from '../errors.js';
import { toJsonText } from '../option-checks.js';
import { checkOptionsObject } from '../option-object.js';
import { KeyMutex } from './key-mutex.js';
import type { StoreSetOptions, TokenStore } from './token-store.js';

/**
 * Keeps sessions in this process only. The default for short scripts; use
 * `FileStore` to survive restarts or share with other processes.
 * Values are deep-copied in and out so callers never share mutable state.
 */
export class MemoryStore implements TokenStore {
  readonly #values = new Map<string, string>();
  readonly #mutex = new KeyMutex();

  /** Takes no options; any given (e.g. a FileStore `path` passed here by mistake) is a ConfigurationError. */
  constructor(options?: Readonly<Record<string, never>>) {
    checkOptionsObject(options, 'MemoryStore', []);
  }

  async get(key: string): Promise<unknown> {
    const raw = this.#values.get(key);
    return raw === undefined ? undefined : JSON.parse(raw);
  }

  /** Every key held. */
  async keys(): Promise<string[]> {
    return [...this.#values.keys()];
  }

  async set(key: string, value: unknown, _options?: StoreSetOptions): Promise<void> {
    const text = toJsonText(value);
    if (text instanceof Error)
      throw new StoreError(`The value for ${key} is not JSON-serialisable: ${text.message}`);
    this.#values.set(key, text);
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.#mutex.run(key, fn);
  }
}
