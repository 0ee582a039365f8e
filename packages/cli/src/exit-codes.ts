/** Exit codes of the `tokenwise` command. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
} as const;
