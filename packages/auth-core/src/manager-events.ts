import type { QuotaEventFields } from './manager/request-quota.js';

/** Fields every session-manager event carries. No event ever carries a token or password. */
export interface SessionEventBase {
  vendor: string;
  account: string;
  /** Store key, `vendor:account`. */
  key: string;
}

/** Events of a {@link SessionManager}. */
export interface SessionManagerEvents {
  /** A full login with long-lived credentials happened. */
  login: SessionEventBase & { expiresAt: number | undefined; durationMs: number };
  /** A session was renewed without the password. */
  refresh: SessionEventBase & { expiresAt: number | undefined; durationMs: number };
  /** A session was taken from the store (written by this or another process) without contacting the vendor. */
  restore: SessionEventBase & { expiresAt: number | undefined };
  /** A session was set explicitly (`setSession`). */
  set: SessionEventBase & { expiresAt: number | undefined };
  /** The current session was dropped because the vendor rejected it. */
  invalidate: SessionEventBase & { reason: string };
  /** A login was refused because of a vendor rate limit (fresh 429, or a back-off shared through the store). */
  'rate-limited': SessionEventBase & { retryAfterMs: number; fromStore: boolean };
  /**
   * A response reported the request quota (`RateLimit` headers) and changed
   * what is known of it, or a call was refused locally because it is spent
   * (`refused: true`, nothing sent).
   */
  quota: SessionEventBase & QuotaEventFields;
  /** Something failed that did not stop the caller (store write failed, eager renewal failed, ...). */
  error: SessionEventBase & { errorCode: string; message: string; during: string };
}
