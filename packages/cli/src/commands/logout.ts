import type { CliIo } from '../cli-io.js';
import { type CommandTarget, checkTarget, describeTarget, isTargeted } from '../command-target.js';
import { deleteLoginHost } from '../login-hosts.js';
import { listBackOffs, listSessions, openStore } from '../stored-sessions.js';

/** Options of `tokenwise logout`. */
export interface LogoutOptions extends CommandTarget {
  store?: string | undefined;
}

/**
 * `tokenwise logout <vendor> [account]` / `--all`: deletes everything stored
 * for the accounts named: sessions and login back-offs. A person who logs out
 * expects nothing of the account left behind, and a back-off kept for an
 * account without a session would still refuse its next login. Should the
 * vendor still be rate limiting, the next login meets its 429 and records a
 * new back-off (bounded to an hour). `tokenwise reset` clears back-offs only.
 */
export async function logoutCommand(io: CliIo, options: LogoutOptions, now = Date.now()): Promise<number> {
  checkTarget('logout', options);
  const store = openStore(options.store);
  const sessions = (await listSessions(store, now)).filter((s) => s.stored && isTargeted(s, options));
  const backOffs = (await listBackOffs(store, now)).filter((b) => isTargeted(b, options));
  for (const session of sessions) {
    await store.delete(session.key);
    await deleteLoginHost(store, session.key);
  }
  // Passed back-offs go too, silently: nothing of a logged-out account stays.
  for (const backOff of backOffs) await store.delete(backOff.key);
  const lifted = backOffs.filter((b) => b.until > now);
  if (sessions.length === 0 && lifted.length === 0) {
    io.stdout.write(`No stored session for ${describeTarget(options)}\n`);
    return 0;
  }
  for (const session of sessions) io.stdout.write(`Logged out ${session.vendor} ${session.account}\n`);
  for (const backOff of lifted) {
    io.stdout.write(`Cleared the login back-off of ${backOff.vendor} ${backOff.account}\n`);
  }
  return 0;
}
