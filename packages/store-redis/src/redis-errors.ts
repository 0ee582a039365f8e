import { StoreError } from '@tokenwise/auth-core/vendor';

/**
 * Turns whatever ioredis threw into a `StoreError` whose message says what
 * failed and why, and nothing more. The ioredis error is deliberately not
 * attached as `cause`: a `ReplyError` carries the command's arguments, which
 * for `SET` include the (possibly unencrypted) session.
 */
export function storeErrorFrom(error: unknown, doing: string, target: string): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError(`Redis at ${target} failed while ${doing}: ${reasonOf(error)}`);
}

/** A short, secret-free reason for an ioredis error: its code, else the first line of its message. */
export function reasonOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown error';
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  // ioredis messages are its own ("Connection is closed.", "Command timed out", "WRONGPASS ...");
  // one line and bounded, so a surprise payload can never flood a log.
  if (typeof message === 'string') return message.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
  return 'unknown error';
}
