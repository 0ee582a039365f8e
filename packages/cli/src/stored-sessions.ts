import { FileStore, throttleRecordSchema } from '@tokenwise/auth-core';

/** What `status` may show of a stored session: metadata only, never a credential. */
export interface StoredSessionInfo {
  key: string;
  vendor: string;
  account: string;
  issuedAt: number | undefined;
  expiresAt: number | undefined;
  /** Login back-off in force for this account, epoch ms. */
  backoffUntil: number | undefined;
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
  const throttles = new Map<string, number>();
  for (const key of keys.filter((k) => k.startsWith('throttle:'))) {
    const parsed = throttleRecordSchema.safeParse(await store.get(key));
    if (parsed.success) throttles.set(key.slice('throttle:'.length), parsed.data.until);
  }
  const sessions: StoredSessionInfo[] = [];
  for (const key of keys) {
    if (key.startsWith('throttle:')) continue;
    const meta = sessionMetadata(await store.get(key));
    if (!meta) continue;
    const backoff = throttles.get(key) ?? throttles.get(`${meta.vendor}:${meta.account.toLowerCase()}`);
    sessions.push({ key, ...meta, backoffUntil: backoff });
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
export function belongsToAccount(session: StoredSessionInfo, account: string): boolean {
  const stored = session.account.toLowerCase();
  const typed = account.toLowerCase();
  return stored === typed || stored.endsWith(`:${typed}`) || stored.startsWith(`${typed}/`);
}
