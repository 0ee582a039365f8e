import { createInterface } from 'node:readline/promises';

/** True when a person can answer a prompt: both ends of the terminal are TTYs. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * Asks one question on the terminal. The prompt goes to stderr so a program's
 * stdout stays clean for its own output (pipes, JSON).
 */
export async function promptLine(question: string, signal?: AbortSignal): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await rl.question(question, signal ? { signal } : {});
    return answer.trim();
  } finally {
    rl.close();
  }
}
