import {
  clampQuotaRecord,
  clampThrottleRecord,
  DEFAULT_MAX_BACK_OFF_MS,
  FileStore,
  QUOTA_KEY_PREFIX,
  quotaRecordSchema,
  quotaSpentForMs,
  THROTTLE_KEY_PREFIX,
  throttleRecordSchema,
} from '@tokenwise/auth-core/vendor';
import { LOGIN_HOST_KEY_PREFIX } from './login-hosts.js';
import type { StoredSessionFields } from './session-renewal.js';

/** A login back-off in the store, as a client with the default `maxBackOffMs` will honour it. */
export interface StoredBackOff {
  /** Its store key, `throttle:<vendor>:<account>`. */
  key: string;
  vendor: string;
  account: string;
  /** When it ends, epoch ms (it may have passed), cut to now + the default maximum (one hour). */
  until: number;
  /** Why, as tokenwise wrote it (never a vendor's text), with control characters removed. */
  reason: string;
  /** True when the stored end lies beyond the maximum (a record of an older version): shown cut. */
  cut: boolean;
}

/** A vendor's request quota as last reported (`RateLimit` headers) and kept in the store. */
export interface StoredQuota {
  /** Its store key, `quota:<vendor>:<account>`. */
  key: string;
  vendor: string;
  account: string;
  /** The vendor's policy name (`perday`), with control characters removed. */
  policy: string;
  /** Requests per window, when the vendor announced it. */
  limit: number | undefined;
  /** Requests left when last observed. */
  remaining: number;
  /** When the window resets, epoch ms, when known (it may have passed), cut as clients cut it. */
  resetAt: number | undefined;
  /** The window's length in ms, when announced. */
  windowMs: number | undefined;
  /** When a response reported it, epoch ms. */
  observedAt: number;
  /** True while clients refuse calls: nothing left and the reset still ahead. */
  spent: boolean;
}

/** What `status` may show of a stored session: metadata only, never a credential. */
export interface StoredSessionInfo extends StoredSessionFields {
  key: string;
  /** Login back-off recorded for this account, epoch ms (it may have passed). */
  backoffUntil: number | undefined;
  /** Why that back-off was recorded. */
  backoffReason: string | undefined;
  /** The request quota recorded for this account, if its vendor reports one. */
  quota: StoredQuota | undefined;
  /** False for an account that has only a login back-off in the store, no session. */
  stored: boolean;
}

/** The store a CLI invocation works on: `--store`, else `TOKENWISE_STORE_PATH`, else the per-user default. */
export function openStore(path: string | undefined): FileStore {
  return new FileStore(path === undefined ? {} : { path });
}

/**
 * Every login back-off in a store. Read only: a record beyond the maximum is
 * shown as the next client will cut it (to `now` + one hour), not rewritten.
 */
export async function listBackOffs(store: FileStore, now = Date.now()): Promise<StoredBackOff[]> {
  const backOffs: StoredBackOff[] = [];
  for (const key of (await store.keys()).filter((k) => k.startsWith(THROTTLE_KEY_PREFIX))) {
    const parsed = throttleRecordSchema.safeParse(await store.get(key));
    if (!parsed.success) continue;
    const [vendor = '', ...rest] = key.slice(THROTTLE_KEY_PREFIX.length).split(':');
    const cut = clampThrottleRecord(parsed.data, now, DEFAULT_MAX_BACK_OFF_MS);
    const record = cut ?? parsed.data;
    backOffs.push({
      key,
      vendor,
      account: rest.join(':'),
      until: record.until,
      reason: printable(record.reason),
      cut: cut !== undefined,
    });
  }
  return backOffs;
}

/**
 * Every request quota in a store. Read only: a reset beyond the bound is
 * shown as the next client will cut it, not rewritten.
 */
export async function listQuotas(store: FileStore, now = Date.now()): Promise<StoredQuota[]> {
  const quotas: StoredQuota[] = [];
  for (const key of (await store.keys()).filter((k) => k.startsWith(QUOTA_KEY_PREFIX))) {
    const parsed = quotaRecordSchema.safeParse(await store.get(key));
    if (!parsed.success) continue;
    const record = clampQuotaRecord(parsed.data, now, DEFAULT_MAX_BACK_OFF_MS) ?? parsed.data;
    const [vendor = '', ...rest] = key.slice(QUOTA_KEY_PREFIX.length).split(':');
    quotas.push({
      key,
      vendor,
      account: rest.join(':'),
      policy: printable(record.policy),
      limit: record.limit ?? undefined,
      remaining: record.remaining,
      resetAt: record.resetAt ?? undefined,
      windowMs: record.windowMs ?? undefined,
      observedAt: record.observedAt,
      spent: quotaSpentForMs(record, now) > 0,
    });
  }
  return quotas.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Lists the sessions in a store by reading only the whitelisted metadata
 * fields of each envelope; tokens are never copied out.
 */
export async function listSessions(store: FileStore, now = Date.now()): Promise<StoredSessionInfo[]> {
  const keys = await store.keys();
  const throttles = await listBackOffs(store, now);
  const quotas = await listQuotas(store, now);
  const sessions: StoredSessionInfo[] = [];
  const matched = new Set<string>();
  for (const key of keys) {
    if (
      key.startsWith(THROTTLE_KEY_PREFIX) ||
      key.startsWith(QUOTA_KEY_PREFIX) ||
      key.startsWith(LOGIN_HOST_KEY_PREFIX)
    ) {
      continue;
    }
    const meta = sessionMetadata(await store.get(key));
    if (!meta) continue;
    // A vendor may throttle by e-mail while keying sessions by a variant (evohome: "v2:<e-mail>").
    const own = throttles.filter((t) => t.vendor === meta.vendor && belongsToAccount(meta, t.account));
    for (const t of own) matched.add(t.key);
    const latest = own.reduce<StoredBackOff | undefined>(
      (best, t) => (best === undefined || t.until > best.until ? t : best),
      undefined,
    );
    sessions.push({
      key,
      ...meta,
      backoffUntil: latest?.until,
      backoffReason: latest?.reason,
      quota: quotas.find((q) => q.vendor === meta.vendor && belongsToAccount(meta, q.account)),
      stored: true,
    });
  }
  // A back-off without a session (a login refused with 429) is exactly what a person needs to see.
  for (const t of throttles.filter((t) => !matched.has(t.key))) {
    sessions.push({
      key: t.key,
      vendor: t.vendor,
      account: t.account,
      issuedAt: undefined,
      expiresAt: undefined,
      refreshExpiresAt: undefined,
      hasRefreshToken: false,
      awsExpiresAt: undefined,
      flavour: undefined,
      backoffUntil: t.until,
      backoffReason: t.reason,
      quota: quotas.find((q) => q.vendor === t.vendor && q.account === t.account),
      stored: false,
    });
  }
  return sessions.sort((a, b) => a.key.localeCompare(b.key));
}

function sessionMetadata(value: unknown): StoredSessionFields | undefined {
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
  const time = (name: string) => (typeof session[name] === 'number' ? (session[name] as number) : undefined);
  const flavour = session.api ?? session.kind;
  return {
    vendor: session.vendor,
    account: session.account,
    issuedAt: time('issuedAt'),
    expiresAt: time('expiresAt'),
    refreshExpiresAt: time('refreshExpiresAt'),
    // Only whether one is there: the token itself never leaves the store.
    hasRefreshToken: typeof session.refreshToken === 'string' && session.refreshToken !== '',
    awsExpiresAt: time('awsExpiresAt'),
    flavour: typeof flavour === 'string' ? printable(flavour) : undefined,
  };
}

/** A stored string made safe for a terminal: control characters (escape sequences) become spaces. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
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
