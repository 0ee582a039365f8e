import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigurationError, StoreError } from '@tokenwise/auth-core/vendor';

/** A 32-byte AES-256 key: raw bytes, or a string of them in hex (64 characters) or base64. */
export type EncryptionKey = Uint8Array | string;

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Plain values are JSON and can never start with this, so both kinds are told apart safely.
const PREFIX = 'tw-aes256gcm:v1:';

/**
 * AES-256-GCM for values at rest. Every value gets a fresh random 96-bit IV;
 * the store key is bound in as additional authenticated data, so a value
 * copied onto another account's key fails to decrypt instead of being
 * accepted. Stored form: `tw-aes256gcm:v1:` + base64(iv | tag | ciphertext).
 */
export class ValueCipher {
  readonly #key: Buffer;

  constructor(key: EncryptionKey) {
    this.#key = parseKey(key);
  }

  /** Whether `stored` is in this cipher's format (rather than plain JSON). */
  static isEncrypted(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  encrypt(plaintext: string, storeKey: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(storeKey, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string, storeKey: string): string {
    const packed = ValueCipher.isEncrypted(stored)
      ? Buffer.from(stored.slice(PREFIX.length), 'base64')
      : Buffer.alloc(0);
    if (packed.length < IV_BYTES + TAG_BYTES) {
      throw new StoreError(`The stored value of ${storeKey} is not an encrypted tokenwise value`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, packed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(storeKey, 'utf8'));
      decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const body = packed.subarray(IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // Node's message ("Unsupported state or unable to authenticate data") adds nothing; no cause, no bytes.
      throw new StoreError(
        `Could not decrypt the stored value of ${storeKey}: wrong encryptionKey, or the value was altered`,
      );
    }
  }
}

function parseKey(key: EncryptionKey): Buffer {
  let bytes: Buffer | undefined;
  if (typeof key === 'string') {
    const text = key.trim();
    if (/^[0-9a-f]{64}$/i.test(text)) bytes = Buffer.from(text, 'hex');
    else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) bytes = Buffer.from(text, 'base64');
  } else if (key instanceof Uint8Array) {
    bytes = Buffer.from(key);
  }
  if (bytes?.length !== KEY_BYTES) {
    // Never echo the key, not even its length as typed: only what is expected.
    throw new ConfigurationError(
      'RedisStore option `encryptionKey` must be 32 bytes: a Buffer, or a string of 64 hex or 44 base64 characters (e.g. `openssl rand -base64 32`)',
    );
  }
  return bytes;
}
