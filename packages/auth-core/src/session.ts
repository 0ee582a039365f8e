import { z } from 'zod';

/** Version of the stored-session envelope. Bumped only with a migration path for older files. */
export const SESSION_SCHEMA_VERSION = 1;

/**
 * Fields every session has. Vendor sessions extend this with their own
 * (tokens, account ids, regions, ...). Sessions are plain JSON-serialisable
 * objects: they are what stores persist.
 */
export interface SessionBase {
  /** Vendor package name without scope, e.g. `vesync`. */
  vendor: string;
  /** The account the session belongs to (usually the login e-mail). */
  account: string;
  /** When the session was minted, epoch ms. */
  issuedAt: number;
  /** When the session stops working, epoch ms; absent when the vendor does not say. */
  expiresAt?: number | undefined;
}

/** zod schema of {@link SessionBase}; vendors `.extend()` it. */
export const sessionBaseSchema = z.object({
  vendor: z.string().min(1),
  account: z.string().min(1),
  issuedAt: z.number().finite(),
  expiresAt: z.number().finite().optional(),
});

/** What a store holds under a session key: the session plus the envelope version. */
export interface StoredSession<S extends SessionBase = SessionBase> {
  schemaVersion: number;
  session: S;
}

/** The store key of an account's session: `vendor:account`. */
export function sessionKey(vendor: string, account: string): string {
  return `${vendor}:${account}`;
}
