/** The command line itself was wrong (unknown command, vendor or flag): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
