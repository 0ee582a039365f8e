import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultStorePath } from '@tokenwise/auth-core/vendor';

/**
 * Where a running sandbox leaves its variables for `tokenwise sandbox
 * --print-env`: `sandbox.env` next to the session file. A file, not a port
 * convention, so `--port 0` (free ports) works too.
 */
export function sandboxEnvPath(env: NodeJS.ProcessEnv): string {
  return join(dirname(defaultStorePath(env)), 'sandbox.env');
}

/** Writes `NAME=value` lines (a `.env` file) headed by the owner's pid, readable by the user only. */
export async function writeSandboxEnv(path: string, lines: readonly string[], pid: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const header = `# tokenwise sandbox, pid ${pid}; deleted when it stops\n`;
  await writeFile(path, `${header}${lines.map((line) => `${line}\n`).join('')}`, { mode: 0o600 });
}

/** Deletes the file if it is still this process's (a second sandbox may have replaced it). */
export async function removeSandboxEnv(path: string, pid: number): Promise<void> {
  const file = await readSandboxEnv(path);
  if (file?.pid === pid) await rm(path, { force: true });
}

/** The variables of the sandbox that wrote `path` and its pid, or `undefined` when there is no file. */
export async function readSandboxEnv(
  path: string,
): Promise<{ pid: number | undefined; lines: string[] } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = /^# tokenwise sandbox, pid (\d+)/m.exec(text)?.[1];
  const lines = text.split('\n').filter((line) => /^[A-Z][A-Z0-9_]*=\S+$/.test(line));
  return { pid: pid === undefined ? undefined : Number(pid), lines };
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
