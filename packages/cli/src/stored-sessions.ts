import { FileStore, throttleRecordSchema } from '@tokenwise/auth-core';

const THROTTLE_PREFIX = 'throttle:';

/** What `status` may show of a stored session: metadata only, never a credential. */
export interface StoredSessionInfo {
  key: string;
  vendor: string;
  account: string;
  issuedAt: number | undefined;
  expiresAt: number | undefined;
  /** Login back-off recorded for this account, epoch ms (it may have passed). */
  backoffUntil: number | undefined;
  /** False for an account that has only a login back-off in the store, no session. */
  stored: boolean;
}

/** The store a CLI invocation works on: `--store`, else `TOKENWISE_STORE_PATH`, else the per-user default. */
export function openStore(path: string | undefined): FileStore {
  return new FileStore(path === undefined ? {} : { path });
}

/**
 * Lists the sessions in a store by reading only the whitelisted metadata
 * fields of each envelope; tokens are never copied out.
 */
export async function listSessions(store: FileStore): Promise<StoredSessionInfo[]> {
  const keys = await store.keys();
  const throttles: Array<{ key: string; vendor: string; account: string; until: number }> = [];
  for (const key of keys.filter((k) => k.startsWith(THROTTLE_PREFIX))) {
    const parsed = throttleRecordSchema.safeParse(await store.get(key));
    const [vendor = '', ...rest] = key.slice(THROTTLE_PREFIX.length).split(':');
    if (parsed.success) throttles.push({ key, vendor, account: rest.join(':'), until: parsed.data.until });
  }
  const sessions: StoredSessionInfo[] = [];
  const matched = new Set<string>();
  for (const key of keys) {
    if (key.startsWith(THROTTLE_PREFIX)) continue;
    const meta = sessionMetadata(await store.get(key));
    if (!meta) continue;
    // A vendor may throttle by e-mail while keying sessions by a variant (evohome: "v2:<e-mail>").
    const own = throttles.filter((t) => t.vendor === meta.vendor && belongsToAccount(meta, t.account));
    for (const t of own) matched.add(t.key);
    const backoffUntil = own.length > 0 ? Math.max(...own.map((t) => t.until)) : undefined;
    sessions.push({ key, ...meta, backoffUntil, stored: true });
  }
  // A back-off without a session (a login refused with 429) is exactly what a person needs to see.
  for (const t of throttles.filter((t) => !matched.has(t.key))) {
    sessions.push({
      key: t.key,
      vendor: t.vendor,
      account: t.account,
      issuedAt: undefined,
      expiresAt: undefined,
      backoffUntil: t.until,
      stored: false,
    });
  }
  return sessions.sort((a, b) => a.key.localeCompare(b.key));
}

function sessionMetadata(
  value: unknown,
): Pick<StoredSessionInfo, 'vendor' | 'account' | 'issuedAt' | 'expiresAt'> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const envelope = value as { schemaVersion?: unknown; session?: unknown };
  if (
    typeof envelope.schemaVersion !== 'number' ||
    typeof envelope.session !== 'object' ||
    !envelope.session
  ) {
    return undefined;
  }
  const session = envelope.session as Record<string, unknown>;
  if (typeof session.vendor !== 'string' || typeof session.account !== 'string') return undefined;
  return {
    vendor: session.vendor,
    account: session.account,
    issuedAt: typeof session.issuedAt === 'number' ? session.issuedAt : undefined,
    expiresAt: typeof session.expiresAt === 'number' ? session.expiresAt : undefined,
  };
}

/**
 * Whether a stored session belongs to the account a person typed: the same
 * name, or a variant a vendor derives from it (`v2:<e-mail>` for evohome's V2
 * API, `<e-mail>/hub/<id>` for Cozify's hub keys). Case-insensitive, as the
 * vendors treat e-mail addresses.
 */
export function belongsToAccount(session: Pick<StoredSessionInfo, 'account'>, account: string): boolean {
  const stored = session.account.toLowerCase();
  const typed = account.toLowerCase();
  return stored === typed || stored.endsWith(`:${typed}`) || stored.startsWith(`${typed}/`);
}
