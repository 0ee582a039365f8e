import type { Readable, Writable } from 'node:stream';

/** Where the CLI reads and writes; injectable so commands are testable in-process. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** The real process streams. */
export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/**
 * True when a person can answer prompts: stdin and stderr are a terminal.
 * Prompts draw on stderr, so `tokenwise login vesync > log` still asks; CI never does.
 */
export function isInteractive(io: CliIo): boolean {
  return Boolean(io.stdin.isTTY && io.stderr.isTTY) && io.env.CI !== 'true';
}
