import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built executable: these tests drive exactly what users run. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

if (!existsSync(BIN)) {
  throw new Error(`${BIN} is missing: run \`pnpm --filter @tokenwise/cli build\` before these tests`);
}

/** What a finished `tokenwise` process left behind. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A private store and home per test, so no test sees the user's real sessions or another test's. */
export interface Sandbox {
  dir: string;
  storePath: string;
  env: NodeJS.ProcessEnv;
  storedJson(): Promise<unknown>;
  cleanup(): Promise<void>;
}

export async function makeSandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-cli-'));
  const storePath = join(dir, 'sessions.json');
  const env: NodeJS.ProcessEnv = {};
  // Nothing from the developer's shell leaks in: no TOKENWISE_* URLs, no CI flag.
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('TOKENWISE_') && key !== 'CI' && !key.startsWith('VITEST')) env[key] = value;
  }
  Object.assign(env, { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), TOKENWISE_STORE_PATH: storePath });
  return {
    dir,
    storePath,
    env,
    storedJson: async () => JSON.parse(await readFile(storePath, 'utf8')) as unknown,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Starts `tokenwise <args>`; the caller talks to its stdin. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Collects a child's output until it exits (or kills it after `timeoutMs`). */
export function finished(child: ChildProcessWithoutNullStreams, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`tokenwise did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `tokenwise <args>` to completion with `stdin` as its whole input. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  const child = startCli(args, env);
  const done = finished(child);
  child.stdin.end(stdin);
  return done;
}

/** Resolves once `read()` returns something other than `undefined`, polling every 25 ms. */
export async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every string stored in the sessions of a store file except names and times: the secrets. */
export function storedSecrets(json: unknown): string[] {
  const secrets: string[] = [];
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      const isName = ['vendor', 'account', 'region', 'countryCode', 'email', 'username'].includes(key);
      // Ids name things (a hub, an account) and are shown on purpose; everything else is a credential.
      if (!isName && !/^(hub|account|user)(Id|Name)$/i.test(key) && value.length >= 8) {
        secrets.push(value);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  const entries = (json as { entries?: Record<string, unknown> }).entries ?? {};
  for (const [key, entry] of Object.entries(entries)) {
    if (!key.startsWith('throttle:')) visit((entry as { session?: unknown })?.session, '');
  }
  return secrets;
}
