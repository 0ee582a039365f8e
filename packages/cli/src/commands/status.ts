import type { CliIo } from '../cli-io.js';
import { formatRelative } from '../format-duration.js';
import { formatTable } from '../format-table.js';
import { listBackOffs, listQuotas, listSessions, openStore, type StoredQuota } from '../stored-sessions.js';

/** Options of `tokenwise status`. */
export interface StatusOptions {
  store?: string | undefined;
  json?: boolean | undefined;
}

/**
 * `tokenwise status [--json]`: what is stored, when it expires, any back-off
 * in force (until when, why), and the request quota of vendors that report
 * one (requests left, when it resets). No secret, ever. Read only: a back-off stored
 * beyond the one-hour maximum is shown as clients will cut it, not rewritten.
 */
export async function statusCommand(io: CliIo, options: StatusOptions, now = Date.now()): Promise<number> {
  const store = openStore(options.store);
  // An account with only a back-off that has passed has nothing left worth showing.
  const sessions = (await listSessions(store, now)).filter((s) => s.stored || (s.backoffUntil ?? 0) > now);
  const backOffs = (await listBackOffs(store, now)).filter((b) => b.until > now);
  const quotas = await listQuotas(store, now);
  if (options.json) {
    const out = sessions.map((s) => ({
      vendor: s.vendor,
      account: s.account,
      key: s.key,
      stored: s.stored,
      issuedAt: s.issuedAt === undefined ? null : new Date(s.issuedAt).toISOString(),
      expiresAt: s.expiresAt === undefined ? null : new Date(s.expiresAt).toISOString(),
      expiresInMs: s.expiresAt === undefined ? null : s.expiresAt - now,
      rateLimitedUntil:
        s.backoffUntil !== undefined && s.backoffUntil > now ? new Date(s.backoffUntil).toISOString() : null,
      rateLimitReason:
        s.backoffUntil !== undefined && s.backoffUntil > now ? (s.backoffReason ?? null) : null,
      quota: s.quota === undefined ? null : quotaJson(s.quota, now),
    }));
    const quotaList = quotas.map((q) => ({ vendor: q.vendor, account: q.account, ...quotaJson(q, now) }));
    io.stdout.write(`${JSON.stringify({ store: store.path, sessions: out, quotas: quotaList }, null, 2)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    io.stdout.write(`No sessions stored in ${store.path}\n`);
    writeQuotas(io, quotas, now);
    return 0;
  }
  const rows = sessions.map((s) => [
    s.vendor,
    s.account,
    !s.stored
      ? 'no session'
      : s.expiresAt === undefined
        ? 'unknown'
        : s.expiresAt > now
          ? formatRelative(s.expiresAt, now)
          : 'expired',
    s.issuedAt === undefined ? '-' : formatRelative(s.issuedAt, now),
    s.backoffUntil !== undefined && s.backoffUntil > now
      ? `backing off, ${formatRelative(s.backoffUntil, now)}`
      : '-',
  ]);
  io.stdout.write(
    `${formatTable(['vendor', 'account', 'expires', 'last login/refresh', 'rate limit'], rows)}\n`,
  );
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
