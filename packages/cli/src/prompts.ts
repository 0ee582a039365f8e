import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';

/** The person pressed Ctrl-C or Escape at a prompt. */
export class PromptCancelledError extends Error {
  override readonly name = 'PromptCancelledError';
}

/** Checks an answer: `undefined` when it is fine, else what to tell the person (the prompt asks again). */
export type AnswerCheck = (value: string) => string | undefined;

/** The questions `login` may ask; a seam so commands do not depend on the prompt library. */
export interface Prompter {
  /** Asks until the answer passes `check` (and is not empty); resolves to it trimmed. */
  text(
    message: string,
    options?: { placeholder?: string; initial?: string; check?: AnswerCheck },
  ): Promise<string>;
  password(message: string): Promise<string>;
  select(message: string, options: ReadonlyArray<{ value: string; label: string }>): Promise<string>;
  /** A line of information between prompts (on stderr, in the prompts' style). */
  note(message: string): void;
  /** Shows a spinner until `stop`; prompts may not run while it spins. */
  spin(message: string): { stop(message: string): void; error(message: string): void };
}

/**
 * @clack/prompts on the CLI's streams. Prompts and the spinner draw on stderr,
 * so stdout stays clean for what a script may capture. Loaded lazily: only an
 * interactive login pays for it. A bad answer is refused in place and asked
 * again (clack keeps the prompt open with the reason under it).
 */
export async function clackPrompter(io: CliIo): Promise<Prompter> {
  const clack = await import('@clack/prompts');
  const common = { input: io.stdin, output: io.stderr };
  const answer = (value: string | symbol): string => {
    if (typeof value === 'symbol') throw new PromptCancelledError('cancelled');
    return value;
  };
  const required = (value: string | undefined) => (value?.trim() ? undefined : 'Required');
  return {
    async text(message, options = {}) {
      const { check } = options;
      return answer(
        await clack.text({
          ...common,
          message,
          validate: (value) => required(value) ?? check?.((value ?? '').trim()),
          ...(options.placeholder === undefined ? {} : { placeholder: options.placeholder }),
          ...(options.initial === undefined ? {} : { initialValue: options.initial }),
        }),
      ).trim();
    },
    async password(message) {
      return answer(await clack.password({ ...common, message, validate: required }));
    },
    async select(message, options) {
      return answer(await clack.select<string>({ ...common, message, options: [...options] }));
    },
    note(message) {
      clack.log.info(message, { output: io.stderr });
    },
    spin(message) {
      // While it spins, clack reads the keyboard itself and answers Ctrl-C with process.exit(0),
      // or (as a signal) only stops spinning. Either way the command was interrupted: say so, exit 130.
      const interrupted = () => {
        io.stderr.write('\ntokenwise: cancelled\n');
        process.exitCode = ExitCode.interrupted;
      };
      process.once('exit', interrupted);
      const spinner = clack.spinner({
        ...common,
        // Stopping mid-login is safe: stores write atomically and an abandoned lock is taken over.
        onCancel: () => process.exit(ExitCode.interrupted),
      });
      spinner.start(message);
      const done = (finish: (text: string) => void) => (text: string) => {
        process.off('exit', interrupted);
        finish(text);
      };
      return { stop: done((text) => spinner.stop(text)), error: done((text) => spinner.error(text)) };
    },
  };
}
