import type { CliIo } from '../cli-io.js';
import { type CommandTarget, checkTarget, describeTarget, isTargeted } from '../command-target.js';
import { formatRelative } from '../format-duration.js';
import { listBackOffs, listQuotas, openStore } from '../stored-sessions.js';

/** Options of `tokenwise reset`. */
export interface ResetOptions extends CommandTarget {
  store?: string | undefined;
}

/**
 * `tokenwise reset <vendor> [account]` / `--all`: clears login back-offs and
 * spent request quotas, and keeps the sessions. Every client sharing the store may contact the vendor
 * again at once (a running client reads the store before each renewal); a
 * vendor that still rate limits answers with a new 429, recorded again.
 */
export async function resetCommand(io: CliIo, options: ResetOptions, now = Date.now()): Promise<number> {
  checkTarget('reset', options);
  const store = openStore(options.store);
  const backOffs = (await listBackOffs(store, now)).filter((b) => isTargeted(b, options));
  for (const backOff of backOffs) await store.delete(backOff.key);
  const lifted = backOffs.filter((b) => b.until > now);
  // A spent quota is the vendor's word until its reset; clearing it is the user's explicit call,
  // and the next answer records the truth again.
  const spent = (await listQuotas(store, now)).filter((q) => q.spent && isTargeted(q, options));
  for (const quota of spent) await store.delete(quota.key);
  for (const quota of spent) {
    io.stdout.write(
      `Cleared the spent request quota of ${quota.vendor} ${quota.account}${
        quota.resetAt === undefined ? '' : ` (it would have reset ${formatRelative(quota.resetAt, now)})`
      }\n`,
    );
  }
  if (lifted.length === 0 && spent.length > 0) return 0;
  if (lifted.length === 0) {
    io.stdout.write(`No login back-off in force for ${describeTarget(options)}\n`);
    return 0;
  }
  for (const backOff of lifted) {
    io.stdout.write(
      `Cleared the login back-off of ${backOff.vendor} ${backOff.account} (it would have ended ${formatRelative(backOff.until, now)})\n`,
    );
  }
  return 0;
}
