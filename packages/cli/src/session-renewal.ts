/**
 * The metadata of a stored session the CLI may look at: names, times and
 * whether a refresh token is held, never a credential itself.
 */
export interface StoredSessionFields {
  vendor: string;
  account: string;
  /** When the current access credential was issued (login or renewal), epoch ms. */
  issuedAt: number | undefined;
  /** When the access credential expires, epoch ms. */
  expiresAt: number | undefined;
  /** When the refresh token expires, where the vendor's session records it (Evrim, tado). */
  refreshExpiresAt: number | undefined;
  /** Whether the session holds a refresh token (the token itself is never read out). */
  hasRefreshToken: boolean;
  /** Navien: when the AWS credentials (MQTT) run out; only a password sign-in renews them. */
  awsExpiresAt: number | undefined;
  /** evohome's `api` (`v1`/`v2`) or Cozify's `kind` (`cloud`/`hub`): which flow stored it. */
  flavour: string | undefined;
}

/**
 * How long a stored session keeps itself alive without a person: renewed by
 * a refresh (until `until`, when known), or not renewable at all, so a login
 * is due when the access credential expires (`at`).
 */
export type SessionRenewal =
  | { readonly by: 'refresh'; readonly until: number | undefined; readonly note: string }
  | { readonly by: 'login'; readonly at: number | undefined; readonly note: string };

/** When a person must log in again, if it can be told: the end of the refresh, else the access expiry. */
export function needsLoginAt(renewal: SessionRenewal): number | undefined {
  return renewal.by === 'refresh' ? renewal.until : renewal.at;
}

/** Margin under which an access credential counts as expired already (a call would just fail). */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * What a login can do with a stored session: use it as it is (`valid`),
 * renew it without a password (`renewable`), or nothing (`undefined`).
 */
export function storedSessionState(
  fields: StoredSessionFields,
  renewal: SessionRenewal,
  now: number,
): 'valid' | 'renewable' | undefined {
  if (fields.expiresAt === undefined || fields.expiresAt > now + EXPIRY_MARGIN_MS) return 'valid';
  if (renewal.by === 'refresh' && (renewal.until === undefined || renewal.until > now + EXPIRY_MARGIN_MS)) {
    return 'renewable';
  }
  return undefined;
}
