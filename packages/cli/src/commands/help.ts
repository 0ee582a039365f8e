import type { CliIo } from '../cli-io.js';
import { UsageError } from '../usage-error.js';
import { VERSION } from '../version.js';

/** One usage line per command; also printed after a usage error of that command. */
export const USAGE: Readonly<Record<string, string>> = {
  login:
    'tokenwise login <vendor> [--username <name>] [--password-stdin] [--otp-stdin] [--country <CC>] [--url <base>] [--hub-port <n>] [--store <path>]',
  status: 'tokenwise status [--json] [--store <path>]',
  logout: 'tokenwise logout <vendor> [account] | --all [--store <path>]',
  reset: 'tokenwise reset <vendor> [account] | --all [--store <path>]',
  sandbox: 'tokenwise sandbox [--port <n>]',
  help: 'tokenwise help [command]',
};

const OVERVIEW = `tokenwise ${VERSION}: log in once from a terminal, let scripts reuse the session.

Commands:
  ${USAGE.login}
      Log in to evohome, evrim, vesync, navien or cozify and store the session.
  ${USAGE.status}
      Stored sessions: vendor, account, expiry, last login/refresh, rate-limit back-off. Never a secret.
  ${USAGE.logout}
      Delete stored sessions and their login back-offs.
  ${USAGE.reset}
      Clear login back-offs (after a rate limit) and keep the sessions.
  ${USAGE.sandbox}
      Run every vendor's mock cloud on 127.0.0.1 until Ctrl-C.
  ${USAGE.help}

Options of every command: --verbose (stack traces on errors), --help.

Environment:
  TOKENWISE_STORE_PATH        session file (default: sessions.json in the per-user config folder)
  TOKENWISE_USERNAME          login --username
  TOKENWISE_PASSWORD          login password when --password-stdin is not given (prefer stdin)
  TOKENWISE_VESYNC_COUNTRY    login vesync --country
  TOKENWISE_<VENDOR>_URL      base URL of a vendor (e.g. the sandbox), read by every client

Exit codes: 0 ok, 1 failure, 2 usage error.
`;

/** `tokenwise help [command]`. */
export function helpCommand(io: CliIo, command: string | undefined): number {
  if (command === undefined) {
    io.stdout.write(OVERVIEW);
    return 0;
  }
  const usage = USAGE[command];
  if (usage === undefined) throw new UsageError(`unknown command '${command}'`);
  io.stdout.write(`Usage: ${usage}\n\nSee 'tokenwise help' for the environment and exit codes.\n`);
  return 0;
}
