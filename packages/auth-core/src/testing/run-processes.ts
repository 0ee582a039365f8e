import { spawn } from 'node:child_process';

/** Result of one child process. */
export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `count` Node processes running `script` at the same moment and
 * waits for all of them. Each gets `TOKENWISE_CHILD_INDEX`. Used by the
 * cross-process tests and the herd benchmark.
 */
export function runProcesses(
  script: string,
  count: number,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ProcessResult[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      runProcess(script, { ...env, TOKENWISE_CHILD_INDEX: String(index) }, timeoutMs),
    ),
  );
}

/** Runs one Node process and collects its output. */
export function runProcess(
  script: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    timer.unref();
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
