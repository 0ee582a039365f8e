import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIo, processIo } from './cli-io.js';
import { helpCommand } from './commands/help.js';
import { loginCommand } from './commands/login.js';
import { logoutCommand } from './commands/logout.js';
import { resetCommand } from './commands/reset.js';
import { type StopSignal, sandboxCommand } from './commands/sandbox.js';
import { statusCommand } from './commands/status.js';
import { didYouMean } from './did-you-mean.js';
import { reportError } from './report-error.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = {
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
const STORE: Options = { store: { type: 'string' } };

/** The flags each command accepts (parseArgs rejects everything else) and how many positionals. */
const COMMANDS: Readonly<Record<string, { options: Options; positionals: number }>> = {
  login: {
    options: {
      ...STORE,
      username: { type: 'string', short: 'u' },
      'password-stdin': { type: 'boolean' },
      'otp-stdin': { type: 'boolean' },
      country: { type: 'string' },
      url: { type: 'string' },
      'hub-port': { type: 'string' },
    },
    positionals: 1,
  },
  status: { options: { ...STORE, json: { type: 'boolean' } }, positionals: 0 },
  logout: { options: { ...STORE, all: { type: 'boolean' } }, positionals: 2 },
  reset: { options: { ...STORE, all: { type: 'boolean' } }, positionals: 2 },
  sandbox: { options: { port: { type: 'string' }, 'print-env': { type: 'boolean' } }, positionals: 0 },
  help: { options: {}, positionals: 1 },
};

/** Test seams of {@link run}. */
export interface RunHooks {
  /** Resolves when `sandbox` should stop. Default: SIGINT or SIGTERM. */
  sandboxStop?: StopSignal;
}

/**
 * Runs one `tokenwise` command line (without `node` and the script path) and
 * resolves to its exit code: 0 ok, 1 failure, 2 usage error, 130 Ctrl-C. It never throws
 * and never calls `process.exit` (except for Ctrl-C while an interactive
 * login's spinner runs), so it can be embedded and tested in-process.
 */
export async function run(
  argv: readonly string[],
  io: CliIo = processIo(),
  hooks: RunHooks = {},
): Promise<number> {
  const verbose = argv.includes('--verbose');
  let command: string | undefined;
  try {
    const first = argv[0];
    if (first === undefined || first === '--help' || first === '-h') return helpCommand(io, undefined);
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (first.startsWith('-')) throw new UsageError(`expected a command before '${first}'`);
    const spec = COMMANDS[first];
    if (!spec) throw new UsageError(`unknown command '${first}'${didYouMean(first, Object.keys(COMMANDS))}`);
    command = first;
    const { values, positionals } = parse(argv.slice(1), spec.options);
    if (positionals.length > spec.positionals) {
      // Not echoed: a misplaced argument may be a password typed in the wrong place.
      throw new UsageError(`too many arguments for '${command}'`);
    }
    if (values.help) return helpCommand(io, command);
    const str = (name: string) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    };
    const flag = (name: string) => values[name] === true;
    switch (command) {
      case 'login':
        return await loginCommand(io, {
          vendor: positionals[0],
          username: str('username'),
          passwordStdin: flag('password-stdin'),
          otpStdin: flag('otp-stdin'),
          country: str('country'),
          url: str('url'),
          hubPort: str('hub-port'),
          store: str('store'),
        });
      case 'status':
        return await statusCommand(io, { store: str('store'), json: flag('json') });
      case 'logout':
        return await logoutCommand(io, {
          vendor: positionals[0],
          account: positionals[1],
          all: flag('all'),
          store: str('store'),
        });
      case 'reset':
        return await resetCommand(io, {
          vendor: positionals[0],
          account: positionals[1],
          all: flag('all'),
          store: str('store'),
        });
      case 'sandbox':
        return await sandboxCommand(
          io,
          { port: str('port'), printEnv: flag('print-env') },
          hooks.sandboxStop,
        );
      default:
        return helpCommand(io, positionals[0]);
    }
  } catch (error) {
    return reportError(io, error, { verbose, command });
  }
}

function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw toUsageError(error, Object.keys({ ...COMMON, ...options }));
  }
}

/** parseArgs' messages are long and talk about its own API: say it the CLI's way. */
function toUsageError(error: unknown, known: readonly string[]): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    if (/^--pass(word)?(=|$)/.test(option)) {
      return new UsageError(
        'there is no --password option: other users can see command lines. Use --password-stdin or the prompt',
      );
    }
    // Not echoed past the '=': a value typed after a misspelt option may be a secret.
    const name = option.split('=')[0] ?? option;
    const suggestion = name.startsWith('--')
      ? didYouMean(name.slice(2), known).replace(/'(.*)'/, "'--$1'")
      : '';
    return new UsageError(`unknown option '${name}'${suggestion}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "Option '-u, --username <value>' argument missing" / "Option '--json' does not take an argument"
    const name = /--[\w-]+/.exec(message)?.[0] ?? option ?? 'option';
    return new UsageError(
      `option '${name}' ${message.includes('argument missing') ? 'needs a value' : 'takes no value'}`,
    );
  }
  return new UsageError(message.split('\n')[0] ?? message);
}
