import type { CliIo } from '../cli-io.js';
import { belongsToAccount, listSessions, openStore } from '../stored-sessions.js';
import { UsageError } from '../usage-error.js';

/** Options of `tokenwise logout`. */
export interface LogoutOptions {
  vendor?: string | undefined;
  account?: string | undefined;
  all?: boolean | undefined;
  store?: string | undefined;
}

/**
 * `tokenwise logout <vendor> [account]` / `--all`: deletes stored sessions.
 * Login back-offs are kept on purpose: forgetting a vendor's lock-out would
 * only invite the next 429.
 */
export async function logoutCommand(io: CliIo, options: LogoutOptions): Promise<number> {
  if (!options.all && !options.vendor) throw new UsageError('logout needs a vendor (or --all)');
  if (options.all && options.vendor) throw new UsageError('logout takes either a vendor or --all, not both');
  const store = openStore(options.store);
  const sessions = await listSessions(store);
  const targets = sessions.filter(
    (s) =>
      s.stored &&
      (options.all ||
        (s.vendor === options.vendor &&
          (options.account === undefined || belongsToAccount(s, options.account)))),
  );
  for (const target of targets) await store.delete(target.key);
  if (targets.length === 0) {
    const what = options.all ? 'any vendor' : [options.vendor, options.account].filter(Boolean).join(' ');
    io.stdout.write(`No stored session for ${what}\n`);
    return 0;
  }
  for (const target of targets) io.stdout.write(`Logged out ${target.vendor} ${target.account}\n`);
  return 0;
}
