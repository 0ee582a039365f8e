import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { BIN } from './cli-process.js';

/** util-linux `script`: gives the child a pseudo-terminal, so prompts run exactly as for a person. */
export const SCRIPT = '/usr/bin/script';

/** Terminal output as plain text: colours and cursor moves removed. */
export function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the escape sequences being removed
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-B]|\u001b[=>]/g, '');
}

/** `tokenwise <args>` on a pseudo-terminal, answered prompt by prompt. */
export class Terminal {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #exited: Promise<number | null>;
  #output = '';
  #seen = 0;
  #waiters: Array<() => void> = [];

  constructor(args: readonly string[], env: NodeJS.ProcessEnv) {
    // `script` without a terminal of its own gives the pty a 0x0 size: prompts would wrap every character.
    const command = `stty cols 120 rows 40; exec '${process.execPath}' '${BIN}' ${args.map((a) => `'${a}'`).join(' ')}`;
    this.#child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
      env: { ...env, TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.#output += chunk;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.#exited = new Promise((resolve) => this.#child.on('close', resolve));
  }

  /** Everything written to the terminal so far, escape sequences included (colours). */
  get raw(): string {
    return this.#output;
  }

  /** Everything shown so far, as plain text. */
  get screen(): string {
    return plain(this.#output);
  }

  /** Waits (no fixed delays) until the screen shows `text` after the last answered prompt, then types `keys`. */
  async answer(text: string, keys: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.screen.indexOf(text, this.#seen);
      if (index >= 0) {
        this.#seen = index + text.length;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no prompt '${text}' on the terminal:\n${this.screen}`);
      await Promise.race([
        new Promise<void>((resolve) => this.#waiters.push(resolve)),
        new Promise((resolve) => setTimeout(resolve, 500)),
      ]);
    }
    this.#child.stdin.write(keys);
  }

  /** The exit code of tokenwise (`script -e` passes it through). */
  exited(): Promise<number | null> {
    return this.#exited;
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }
}
