import { createHash } from 'node:crypto';
import { StoredRecord, type TokenStore } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { VENDOR } from './constants.js';

const recordSchema = z.object({ fingerprints: z.array(z.string()).max(16) });

/** How many refused tokens are remembered: only the latest few can still be in anyone's store. */
const KEEP = 16;

/**
 * The refresh tokens tado refused (`invalid_grant`), shared through the store
 * so that no instance, process or host sends a dead token a second time.
 * Only SHA-256 fingerprints are kept, never the tokens.
 */
export class RefusedTokens {
  readonly #local = new Set<string>();
  readonly #record: () => StoredRecord<z.infer<typeof recordSchema>>;

  /** `store` is read lazily: the manager picks the default store. */
  constructor(store: () => TokenStore, account: string) {
    let record: StoredRecord<z.infer<typeof recordSchema>> | undefined;
    this.#record = () => {
      record ??= new StoredRecord({
        store: store(),
        key: `${VENDOR}-refused:${account}`,
        schema: recordSchema,
      });
      return record;
    };
  }

  /** Whether `token` was refused here or by anyone sharing the store. */
  async has(token: string): Promise<boolean> {
    const fingerprint = fingerprintOf(token);
    if (this.#local.has(fingerprint)) return true;
    const shared = await this.#record().read();
    return shared?.fingerprints.includes(fingerprint) ?? false;
  }

  /** Remembers `token` as refused, here and in the store. */
  async add(token: string): Promise<void> {
    const fingerprint = fingerprintOf(token);
    this.#local.add(fingerprint);
    await this.#record().update((current) => ({
      fingerprints: [...(current?.fingerprints ?? []).filter((f) => f !== fingerprint), fingerprint].slice(
        -KEEP,
      ),
    }));
  }
}

function fingerprintOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
