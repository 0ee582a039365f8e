import type { CliIo } from '../cli-io.js';
import { formatRelative } from '../format-duration.js';
import { formatTable } from '../format-table.js';
import { listBackOffs, listSessions, openStore } from '../stored-sessions.js';

/** Options of `tokenwise status`. */
export interface StatusOptions {
  store?: string | undefined;
  json?: boolean | undefined;
}

/**
 * `tokenwise status [--json]`: what is stored, when it expires, any back-off
 * in force (until when, why). No secret, ever. Read only: a back-off stored
 * beyond the one-hour maximum is shown as clients will cut it, not rewritten.
 */
export async function statusCommand(io: CliIo, options: StatusOptions, now = Date.now()): Promise<number> {
  const store = openStore(options.store);
  // An account with only a back-off that has passed has nothing left worth showing.
  const sessions = (await listSessions(store, now)).filter((s) => s.stored || (s.backoffUntil ?? 0) > now);
  const backOffs = (await listBackOffs(store, now)).filter((b) => b.until > now);
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
    }));
    io.stdout.write(`${JSON.stringify({ store: store.path, sessions: out }, null, 2)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    io.stdout.write(`No sessions stored in ${store.path}\n`);
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
  io.stdout.write(`\nStore: ${store.path}\n`);
  return 0;
}
