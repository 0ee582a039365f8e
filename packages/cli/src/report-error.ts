import { isTokenwiseError, RateLimitError } from '@tokenwise/auth-core/vendor';
import type { CliIo } from './cli-io.js';
import { USAGE } from './commands/help.js';
import { ExitCode } from './exit-codes.js';
import { formatSpan } from './format-duration.js';
import { LoginFailedError } from './login-failed-error.js';
import { PromptCancelledError } from './prompts.js';
import { UsageError } from './usage-error.js';

/**
 * Writes one line about `error` on stderr (with `--verbose`, the stack too) and
 * returns the exit code. Messages of tokenwise errors never hold secrets,
 * which is what makes printing them safe.
 */
export function reportError(
  io: CliIo,
  error: unknown,
  options: { verbose: boolean; command?: string | undefined },
): number {
  if (error instanceof UsageError) {
    const usage =
      (options.command && USAGE[options.command]) || 'tokenwise <login|status|logout|reset|sandbox|help> ...';
    const more = options.command ? `tokenwise ${options.command} --help` : 'tokenwise help';
    io.stderr.write(
      `tokenwise: ${oneLine(error.message)}\nUsage: ${usage}\nRun '${more}' for every option, with examples.\n`,
    );
    return ExitCode.usage;
  }
  io.stderr.write(`tokenwise: ${oneLine(describe(error))}\n`);
  if (options.verbose) io.stderr.write(`${stacks(error)}\n`);
  // Ctrl-C (or Escape) at a prompt: the exit code shells give a process stopped by SIGINT.
  return error instanceof PromptCancelledError ? ExitCode.interrupted : ExitCode.failure;
}

function describe(error: unknown): string {
  if (error instanceof PromptCancelledError) return 'cancelled';
  if (error instanceof LoginFailedError) {
    const { vendor } = error;
    const cause = error.cause;
    if (isTokenwiseError(cause, 'TOKENWISE_INVALID_CREDENTIALS'))
      return `${vendor.displayName} rejected the ${vendor.credentialNoun}`;
    if (isTokenwiseError(cause, 'TOKENWISE_OTP_REQUIRED')) {
      return vendor.needsOtp
        ? `${vendor.displayName} e-mails a one-time code at login: run this on a terminal, or pass --otp-stdin and write the code to stdin`
        : messageOf(cause);
    }
    if (isTokenwiseError(cause, 'TOKENWISE_RATE_LIMITED')) {
      const wait =
        cause instanceof RateLimitError && cause.retryAfterMs !== undefined
          ? ` for ${formatSpan(cause.retryAfterMs)}`
          : '';
      return `${vendor.displayName} is refusing logins${wait} (rate limit); tokenwise will not try before then (\`tokenwise reset ${vendor.id}\` clears the back-off)`;
    }
    return messageOf(cause);
  }
  return messageOf(error);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function stacks(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    parts.push(
      depth === 0 ? (current.stack ?? current.message) : `Caused by: ${current.stack ?? current.message}`,
    );
    current = current.cause;
  }
  return parts.join('\n');
}
