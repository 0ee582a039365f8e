import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../src/store/file-store.js';

const writeLoop = fileURLToPath(new URL('./fixtures/write-loop.mjs', import.meta.url));
const dirs: string[] = [];
const KILLS = 8;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-crash-'));
  dirs.push(dir);
  return dir;
}

/** Starts the write loop, lets it write for a moment, then kill -9s it. */
async function killMidWrite(path: string): Promise<void> {
  const child = spawn(process.execPath, [writeLoop], {
    env: { ...process.env, TOKENWISE_STORE_PATH: path },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`write loop exited early (${code})`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 40));
  child.kill('SIGKILL');
  await exited;
}

/** Files beside the session file that hold a copy of it (temp files of any tokenwise version). */
async function tempCopies(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => /^sessions\.json\.(tmp-.*|\d+)$/.test(name));
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('FileStore after kill -9 during writes', () => {
  it(`the file always parses, and no temp file survives the next write (${KILLS} kills)`, async () => {
    const dir = await tempDir();
    const path = join(dir, 'sessions.json');
    for (let i = 0; i < KILLS; i++) {
      await killMidWrite(path);
      const file = JSON.parse(await readFile(path, 'utf8')) as { format: string };
      expect(file.format).toBe('tokenwise-sessions');
    }
    // logout: deleting a key is a write, and every write removes what killed writers left.
    const store = new FileStore({ path });
    await store.delete('reference:demo@example.com');
    expect(await tempCopies(dir)).toEqual([]);
    expect(await store.keys()).toEqual([]);
  });

  it('removes orphans of this and older versions, never files that are not its temp files', async () => {
    const dir = await tempDir();
    const path = join(dir, 'sessions.json');
    const store = new FileStore({ path });
    await store.set('a:b', { refreshToken: 'rt-canary' });
    const copy = await readFile(path, 'utf8');
    await writeFile(join(dir, 'sessions.json.tmp-4242-0a1b2c3d4e5f'), copy.slice(0, 40), { mode: 0o600 });
    // write-file-atomic's name (murmurhash of pid and counter), as earlier versions left them.
    await writeFile(join(dir, 'sessions.json.3735928559'), copy, { mode: 0o600 });
    // The user's own files: a numbered backup, a backup of something else with a temp-like name.
    await writeFile(join(dir, 'sessions.json.1'), copy);
    await writeFile(join(dir, 'sessions.json.2026120418'), 'not a session file');
    await writeFile(join(dir, 'sessions.json.bak'), copy);
    await store.delete('a:b');
    expect((await readdir(dir)).sort()).toEqual([
      'sessions.json',
      'sessions.json.1',
      'sessions.json.2026120418',
      'sessions.json.bak',
    ]);
  });
});
