/** Exit codes of the `tokenwise` command (help and the README list the same). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** Ctrl-C, as shells report a process ended by SIGINT (128 + 2). */
  interrupted: 130,
} as const;
