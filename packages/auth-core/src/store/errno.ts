/** The `code` of a Node system error (`ENOENT`, `EEXIST`, ...), or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `error` is a Node system error with one of `codes`. */
export function isErrno(error: unknown, ...codes: string[]): boolean {
  const code = errnoCode(error);
  return code !== undefined && codes.includes(code);
}

/**
 * A short description of a file-system failure for a StoreError message: the
 * errno code when there is one (paths are already in our own message), else
 * the message.
 */
export function describeFsError(error: unknown): string {
  return errnoCode(error) ?? (error instanceof Error ? error.message : String(error));
}
