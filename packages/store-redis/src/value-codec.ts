import { StoreError } from '@tokenwise/auth-core/vendor';
import { ValueCipher } from './value-cipher.js';

/**
 * JSON in and out of Redis strings, through the cipher when one is set.
 * JSON round-tripping is also what gives callers their own copy of a value.
 */
export class ValueCodec {
  readonly #cipher: ValueCipher | undefined;

  constructor(cipher: ValueCipher | undefined) {
    this.#cipher = cipher;
  }

  encode(storeKey: string, value: unknown): string {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    if (json === undefined) {
      throw new StoreError(`The value for ${storeKey} is not JSON-serialisable`);
    }
    return this.#cipher ? this.#cipher.encrypt(json, storeKey) : json;
  }

  decode(storeKey: string, stored: string): unknown {
    let json = stored;
    if (this.#cipher) {
      json = this.#cipher.decrypt(stored, storeKey);
    } else if (ValueCipher.isEncrypted(stored)) {
      throw new StoreError(`The stored value of ${storeKey} is encrypted; pass the store its encryptionKey`);
    }
    try {
      return JSON.parse(json) as unknown;
    } catch {
      throw new StoreError(`The stored value of ${storeKey} is not valid JSON`);
    }
  }
}
