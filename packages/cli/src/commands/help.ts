import type { CliIo } from '../cli-io.js';
import { didYouMean } from '../did-you-mean.js';
import { COMMAND_HELP, type CommandHelp, EXIT_CODE_HELP } from '../help/command-help.js';
import { UsageError } from '../usage-error.js';
import { VERSION } from '../version.js';

/** One usage line per command; also printed after a usage error of that command. */
export const USAGE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(COMMAND_HELP).map(([name, help]) => [name, help.usage]),
);

/** `tokenwise help [command]` and `tokenwise <command> --help`. */
export function helpCommand(io: CliIo, command: string | undefined): number {
  if (command === undefined) {
    io.stdout.write(overview());
    return 0;
  }
  const help = COMMAND_HELP[command];
  if (help === undefined) {
    throw new UsageError(`unknown command '${command}'${didYouMean(command, Object.keys(COMMAND_HELP))}`);
  }
  io.stdout.write(commandHelp(command, help));
  return 0;
}

function overview(): string {
  const commands = Object.entries(COMMAND_HELP).map(([name, help]) => [name, help.summary] as const);
  return [
    `tokenwise ${VERSION}: log in once from a terminal, let scripts reuse the session.`,
    '',
    'Usage: tokenwise <command> [options]',
    '',
    'Commands:',
    table(commands),
    '',
    'Options of every command:',
    table([
      ['-h, --help', 'help of the command'],
      ['--verbose', 'stack traces on errors'],
    ]),
    '',
    'Other:',
    table([['-v, --version', 'print the version']]),
    '',
    'Exit codes:',
    table(EXIT_CODE_HELP),
    '',
    "Run 'tokenwise <command> --help' for a command's options, environment and examples.",
    '',
  ].join('\n');
}

function commandHelp(name: string, help: CommandHelp): string {
  const sections = [`tokenwise ${name}: ${help.summary}`, '', `Usage: ${help.usage}`];
  for (const paragraph of help.details) sections.push('', wrap(paragraph, 2));
  if (help.options.length > 0) sections.push('', 'Options:', table(help.options));
  sections.push(
    '',
    'Options of every command:',
    table([
      ['-h, --help', 'this help'],
      ['--verbose', 'stack traces on errors'],
    ]),
  );
  if (help.environment.length > 0) sections.push('', 'Environment:', table(help.environment));
  sections.push('', 'Exit codes:', table(EXIT_CODE_HELP));
  sections.push('', 'Examples:');
  for (const [what, line] of help.examples) sections.push(`  # ${what}`, `  ${line}`);
  sections.push('');
  return `${sections.join('\n')}\n`;
}

/** Two aligned columns, indented by two; long meanings wrap under their column. */
function table(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows
    .map(([left, right]) => {
      const indent = 2 + width + 2;
      return `  ${left.padEnd(width)}  ${wrap(right, indent).trimStart()}`;
    })
    .join('\n');
}

/** Wraps at 100 columns (help is read on terminals and in pagers), every line indented by `indent`. */
function wrap(text: string, indent: number, columns = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent + line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
}
