import type { CliIo } from '../cli-io.js';
import { type Paint, painter } from '../colour.js';
import { formatInstant, formatRelative } from '../format-duration.js';
import { type Cell, formatTable } from '../format-table.js';
import { readLoginHost } from '../login-hosts.js';
import { type SessionStatus, sessionStatus } from '../session-status.js';
import { listBackOffs, listQuotas, listSessions, openStore, type StoredQuota } from '../stored-sessions.js';

/** Options of `tokenwise status`. */
export interface StatusOptions {
  store?: string | undefined;
  json?: boolean | undefined;
}

const DAY_MS = 86_400_000;

/**
 * `tokenwise status [--json]`: per stored session the host it was logged in
 * at, how long it keeps itself alive without a password (the refresh
 * token's lifetime where the vendor's session records it), when the
 * short-lived access credential expires, the last renewal, and any back-off
 * or request quota. No secret, ever. Read only: a back-off stored beyond the
 * one-hour maximum is shown as clients will cut it, not rewritten.
 */
export async function statusCommand(io: CliIo, options: StatusOptions, now = Date.now()): Promise<number> {
  const store = openStore(options.store);
  // An account with only a back-off that has passed has nothing left worth showing.
  const sessions = (await listSessions(store, now)).filter((s) => s.stored || (s.backoffUntil ?? 0) > now);
  const statuses: SessionStatus[] = [];
  for (const info of sessions) statuses.push(sessionStatus(info, await readLoginHost(store, info.key), now));
  const backOffs = (await listBackOffs(store, now)).filter((b) => b.until > now);
  const quotas = await listQuotas(store, now);
  if (options.json) {
    const quotaList = quotas.map((q) => ({ vendor: q.vendor, account: q.account, ...quotaJson(q, now) }));
    const out = { store: store.path, sessions: statuses.map((s) => sessionJson(s, now)), quotas: quotaList };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const paint = painter(io.stdout, io.env);
  if (sessions.length === 0) {
    io.stdout.write(`No sessions stored in ${store.path}\n`);
    writeQuotas(io, quotas, now);
    return 0;
  }
  const header = [
    'vendor',
    'account',
    'host',
    'renewable until',
    'access expires',
    'last renewal',
    'back-off / quota',
  ];
  io.stdout.write(
    `${formatTable(
      header,
      statuses.map((s) => row(s, now)),
      paint,
    )}\n`,
  );
  writeNotes(io, statuses, paint);
  if (backOffs.length > 0) {
    io.stdout.write('\nLogin back-offs in force (clear with `tokenwise reset <vendor> [account]`):\n');
    for (const b of backOffs) {
      io.stdout.write(
        `  ${b.vendor} ${b.account}: until ${new Date(b.until).toISOString()} (${formatRelative(b.until, now)}): ${b.reason}\n`,
      );
    }
  }
  writeQuotas(io, quotas, now);
  io.stdout.write(`\nStore: ${store.path}\n`);
  return 0;
}

function row(s: SessionStatus, now: number): Cell[] {
  const { info } = s;
  return [
    info.vendor,
    info.account,
    hostCell(s),
    renewableCell(s, now),
    accessCell(s, now),
    lastRenewal(s, now),
    limitCell(s, now),
  ];
}

function hostCell(s: SessionStatus): Cell {
  if (s.host === undefined) return s.info.stored ? { text: '-', style: 'dim' } : '';
  let where = s.host;
  try {
    where = new URL(s.host).host;
  } catch {
    // Shown as stored.
  }
  return s.hostKind === 'sandbox' ? { text: `${where} (sandbox)`, style: 'yellow' } : where;
}

/** The column people came for: how long until a password (or a device approval) is needed again. */
function renewableCell(s: SessionStatus, now: number): Cell {
  const { renewal } = s;
  if (renewal === undefined) return { text: 'no session', style: 'dim' };
  const due = s.needsLoginAt;
  if (renewal.by === 'refresh' && due === undefined) return 'unknown (has a refresh token)';
  if (due === undefined) return 'needs login (expiry unknown)';
  if (due <= now)
    return { text: `needs login now (since ${formatRelative(due, now).replace(' ago', '')})`, style: 'red' };
  const style = due - now < DAY_MS ? ('yellow' as const) : undefined;
  return renewal.by === 'refresh'
    ? { text: formatRelative(due, now), style }
    : { text: `needs login at ${formatInstant(due)}`, style };
}

function accessCell(s: SessionStatus, now: number): Cell {
  const { info } = s;
  if (!info.stored) return '-';
  if (info.expiresAt === undefined) return 'unknown';
  if (info.expiresAt > now) return formatRelative(info.expiresAt, now);
  // An expired access token is routine when a refresh renews it; only say it loudly when nothing will.
  const renews = s.renewal?.by === 'refresh' && (s.needsLoginAt === undefined || s.needsLoginAt > now);
  return { text: `expired ${formatRelative(info.expiresAt, now)}`, style: renews ? 'dim' : 'red' };
}

function lastRenewal(s: SessionStatus, now: number): Cell {
  return s.info.issuedAt === undefined ? '-' : formatRelative(s.info.issuedAt, now);
}

function limitCell(s: SessionStatus, now: number): Cell {
  if (s.backOffUntil !== undefined) {
    return { text: `backing off, ${formatRelative(s.backOffUntil, now)}`, style: 'yellow' };
  }
  const q = s.quota;
  if (q === undefined) return '-';
  const of = q.limit === undefined ? '' : `/${q.limit}`;
  if (q.spent) {
    const reset = q.resetAt === undefined ? '' : `, resets ${formatRelative(q.resetAt, now)}`;
    return { text: `quota spent${reset}`, style: 'red' };
  }
  return `quota ${q.remaining}${of} left`;
}

/** Why each session renews the way it does, once per vendor note (the table stays narrow). */
function writeNotes(io: CliIo, statuses: readonly SessionStatus[], paint: Paint): void {
  const notes = new Set<string>();
  for (const s of statuses) if (s.renewal) notes.add(`${s.info.vendor}: ${s.renewal.note}`);
  if (notes.size === 0) return;
  io.stdout.write(`\n${paint('dim', 'How each session renews itself:')}\n`);
  for (const note of notes) io.stdout.write(`  ${note}\n`);
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** One session in `--json`: the table's fields (times as ISO 8601, absent ones `null`), and the raw ones. */
function sessionJson(s: SessionStatus, now: number) {
  const { info } = s;
  return {
    vendor: info.vendor,
    account: info.account,
    key: info.key,
    stored: info.stored,
    host: s.host ?? null,
    hostKind: s.hostKind ?? null,
    renewsBy: s.renewal?.by ?? null,
    renewableUntil: s.renewal?.by === 'refresh' ? iso(s.renewal.until) : null,
    needsLoginAt: iso(s.needsLoginAt),
    renewalNote: s.renewal?.note ?? null,
    accessExpiresAt: iso(info.expiresAt),
    lastRenewalAt: iso(info.issuedAt),
    issuedAt: iso(info.issuedAt),
    expiresAt: iso(info.expiresAt),
    expiresInMs: info.expiresAt === undefined ? null : info.expiresAt - now,
    rateLimitedUntil: iso(s.backOffUntil),
    rateLimitReason: s.backOffUntil === undefined ? null : (info.backoffReason ?? null),
    quota: s.quota === undefined ? null : quotaJson(s.quota, now),
  };
}

/** A quota as `--json` shows it: times as ISO strings, absent figures as `null`. */
function quotaJson(q: StoredQuota, now: number) {
  return {
    key: q.key,
    policy: q.policy,
    limit: q.limit ?? null,
    remaining: q.remaining,
    spent: q.spent,
    resetAt: q.resetAt === undefined ? null : new Date(q.resetAt).toISOString(),
    resetInMs: q.resetAt === undefined ? null : Math.max(0, q.resetAt - now),
    windowMs: q.windowMs ?? null,
    observedAt: new Date(q.observedAt).toISOString(),
  };
}

/** One line per stored quota: how many requests were left, and when the window resets. */
function writeQuotas(io: CliIo, quotas: readonly StoredQuota[], now: number): void {
  if (quotas.length === 0) return;
  io.stdout.write('\nRequest quotas (as the vendor last reported them):\n');
  for (const q of quotas) {
    const of = q.limit === undefined ? '' : ` of ${q.limit}`;
    const passed = q.resetAt !== undefined && q.resetAt <= now;
    const state = q.spent
      ? 'spent, calls are refused until the reset'
      : passed
        ? 'the window has reset since'
        : `${q.remaining}${of} left`;
    const reset =
      q.resetAt === undefined
        ? 'reset time not reported'
        : `resets ${new Date(q.resetAt).toISOString()} (${formatRelative(q.resetAt, now)})`;
    io.stdout.write(
      `  ${q.vendor} ${q.account}: ${state} (${q.policy}${q.spent ? `, 0${of} left` : ''}); ${reset}; observed ${formatRelative(q.observedAt, now)}\n`,
    );
  }
}
