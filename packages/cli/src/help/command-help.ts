/** What `tokenwise <command> --help` prints about one command. */
export interface CommandHelp {
  /** One line: what the command does. */
  readonly summary: string;
  /** The synopsis, also printed after a usage error of this command. */
  readonly usage: string;
  /** Paragraphs after the synopsis, one string each. */
  readonly details: readonly string[];
  /** `[flag, meaning]` for every option the command takes. */
  readonly options: ReadonlyArray<readonly [string, string]>;
  /** `[variable, meaning]` for every environment variable the command reads. */
  readonly environment: ReadonlyArray<readonly [string, string]>;
  /** `[what it does, command line]`: two or three real uses. */
  readonly examples: ReadonlyArray<readonly [string, string]>;
}

const STORE_OPTION = [
  '--store <path>',
  'session file (default TOKENWISE_STORE_PATH, else sessions.json in the per-user config folder)',
] as const;
const STORE_ENV = ['TOKENWISE_STORE_PATH', 'session file when --store is not given'] as const;
const URL_ENV = [
  'TOKENWISE_<VENDOR>_URL',
  "a vendor's base URL (the sandbox's); every tokenwise client reads it too",
] as const;

/** Help of every command, in the order the overview lists them. */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  login: {
    summary: 'Log in to a vendor (or reuse a valid stored session) and store the session.',
    usage:
      'tokenwise login <vendor> [--username <name>] [--password-stdin] [--otp-stdin] [--country <CC>] [--url <base>] [--hub-port <n>] [--store <path>]',
    details: [
      '<vendor> is one of evohome, evrim, vesync, navien, cozify, tado.',
      'On a terminal it asks for the account first; when the store holds a session for it that is still valid (or can renew itself) it says so and asks nothing secret. Otherwise it asks for the password (or the e-mailed code, or shows a device link) and, for VeSync, the country. Bad answers are asked again. Without a terminal everything comes from options, the environment and stdin: there is no --password option, because other users can read command lines.',
      'Afterwards it prints the host it used (the local sandbox or the real cloud) and where the session is stored.',
    ],
    options: [
      [
        '-u, --username <name>',
        'the account: e-mail (Evrim: username); default TOKENWISE_USERNAME, else asked',
      ],
      ['--password-stdin', 'read the password from the first line of stdin'],
      ['--otp-stdin', "cozify: read the e-mailed code from stdin's next line, once it has been sent"],
      ['--country <CC>', 'vesync: two-letter country of the account (picks the US or EU host)'],
      ['--url <base>', "the vendor's base URL; default TOKENWISE_<VENDOR>_URL, else the real cloud"],
      ['--hub-port <n>', "cozify: port of the hubs' local API (the sandbox prints its hub's)"],
      STORE_OPTION,
    ],
    environment: [
      ['TOKENWISE_USERNAME', '--username'],
      ['TOKENWISE_PASSWORD', 'the password when --password-stdin is not given (prefer stdin)'],
      ['TOKENWISE_VESYNC_COUNTRY', '--country'],
      URL_ENV,
      STORE_ENV,
    ],
    examples: [
      ['Log in on a terminal; it asks for what VeSync needs', 'tokenwise login vesync'],
      [
        'Log in from a script, the password on stdin',
        'printf \'%s\\n\' "$PW" | tokenwise login evrim -u demo --password-stdin',
      ],
      [
        'Log in to the sandbox (after eval "$(tokenwise sandbox --print-env)")',
        'tokenwise login evohome -u demo@example.com',
      ],
    ],
  },
  status: {
    summary: 'Show stored sessions: host, how long they renew themselves, back-offs and quotas.',
    usage: 'tokenwise status [--json] [--store <path>]',
    details: [
      'Columns: vendor, account, host (where the CLI logged in; "-" for a session another program stored), renewable until (how long the session keeps itself alive without a password, or "needs login …" when it cannot renew itself), access expires (the short-lived token), last renewal, and any login back-off or request quota. Never a secret.',
      'Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on.',
    ],
    options: [['--json', 'the same fields as JSON (times as ISO 8601, absent ones as null)'], STORE_OPTION],
    environment: [STORE_ENV, ['NO_COLOR, FORCE_COLOR', 'turn colour off or on']],
    examples: [
      ['What is stored, as a table', 'tokenwise status'],
      [
        'Accounts that need a password login soon',
        "tokenwise status --json | jq -r '.sessions[] | select(.needsLoginAt) | .account'",
      ],
    ],
  },
  logout: {
    summary: 'Delete stored sessions and their login back-offs.',
    usage: 'tokenwise logout <vendor> [account] | --all [--store <path>]',
    details: ['Without an account, every account of the vendor is logged out.'],
    options: [['--all', 'every vendor and account'], STORE_OPTION],
    environment: [STORE_ENV],
    examples: [
      ['Forget one account', 'tokenwise logout vesync me@example.com'],
      ['Forget everything', 'tokenwise logout --all'],
    ],
  },
  reset: {
    summary: 'Clear login back-offs and spent request quotas; keep the sessions.',
    usage: 'tokenwise reset <vendor> [account] | --all [--store <path>]',
    details: [
      'After a rate limit, tokenwise clients wait (up to an hour) before they log in again. reset lifts that wait; the vendor may still refuse.',
    ],
    options: [['--all', 'every vendor and account'], STORE_OPTION],
    environment: [STORE_ENV],
    examples: [
      ['Try a VeSync login again now', 'tokenwise reset vesync'],
      ['Clear every back-off', 'tokenwise reset --all'],
    ],
  },
  sandbox: {
    summary: "Run every vendor's mock cloud on 127.0.0.1, with demo accounts, until Ctrl-C.",
    usage: 'tokenwise sandbox [--port <n>] | --print-env',
    details: [
      'Nothing leaves the machine; the mocks keep their state in memory only. While it runs, the URLs are also written to sandbox.env next to the session file, so another shell can pick them all up at once with --print-env.',
      'The banner lists each vendor\'s URL and demo accounts; Cozify\'s "e-mailed" codes are printed as they are sent.',
    ],
    options: [
      ['--port <n>', 'first port; each vendor takes the next ones (default 0: free ports)'],
      [
        '--print-env',
        "print the running sandbox's variables as `export NAME=value` lines and exit (fails when none runs)",
      ],
    ],
    environment: [['TOKENWISE_STORE_PATH', 'sandbox.env is written next to this file']],
    examples: [
      ['Start it (in one terminal)', 'tokenwise sandbox'],
      ['Point this shell at it (in another)', 'eval "$(tokenwise sandbox --print-env)"'],
      ['Or write a .env file for your program', 'tokenwise sandbox --print-env > .env'],
    ],
  },
  help: {
    summary: 'Show the overview, or the help of one command.',
    usage: 'tokenwise help [command]',
    details: ['`tokenwise <command> --help` prints the same.'],
    options: [],
    environment: [],
    examples: [
      ['Every command', 'tokenwise help'],
      ['Everything about login', 'tokenwise help login'],
    ],
  },
};

/** The exit codes of every command, as help prints them. */
export const EXIT_CODE_HELP: ReadonlyArray<readonly [string, string]> = [
  ['0', 'done'],
  ['1', 'failed (the vendor refused, the network failed, nothing to print)'],
  ['2', 'usage error: unknown command, vendor or option, or a bad value'],
  ['130', 'interrupted with Ctrl-C (at a prompt or while waiting)'],
];
