import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import { FileStore } from '../src/store/file-store.js';

const holdLock = fileURLToPath(new URL('./fixtures/hold-lock.mjs', import.meta.url));
const dirs: string[] = [];

async function tempPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-fs-'));
  dirs.push(dir);
  return join(dir, 'cfg', 'sessions.json');
}

/** Starts a process that holds the lock of `key` until killed; resolves once it holds it. */
function startHolder(path: string, key: string) {
  const child = spawn(process.execPath, [holdLock], {
    env: { ...process.env, TOKENWISE_STORE_PATH: path, LOCK_KEY: key },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
  });
  return { child, locked };
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('FileStore', () => {
  it('creates the folder 0700 and the file 0600', async () => {
    const path = await tempPath();
    const store = new FileStore({ path });
    await store.set('vesync:a', { schemaVersion: 1, session: { token: 't' } });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(path, '..'))).mode & 0o777).toBe(0o700);
  });

  it('keeps many vendor:account keys in one JSON file', async () => {
    const path = await tempPath();
    const a = new FileStore({ path });
    const b = new FileStore({ path });
    await a.set('vesync:a@example.com', { n: 1 });
    await b.set('evohome:a@example.com', { n: 2 });
    const file = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(file.entries).sort()).toEqual(['evohome:a@example.com', 'vesync:a@example.com']);
    expect(await a.get('evohome:a@example.com')).toEqual({ n: 2 });
    expect((await b.keys()).sort()).toEqual(['evohome:a@example.com', 'vesync:a@example.com']);
  });

  it('moves a corrupt file aside (byte for byte), reports it once, and starts empty', async () => {
    const path = await tempPath();
    const store = new FileStore({ path });
    await store.set('x:y', { keep: true });
    await writeFile(path, 'garbage {', { mode: 0o600 });
    const events: Array<{ movedTo: string; reason: string }> = [];
    store.on('corrupt', (e) => events.push(e));
    expect(await store.get('x:y')).toBeUndefined();
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toContain('not valid JSON');
    expect(await readFile(events[0]?.movedTo ?? '', 'utf8')).toBe('garbage {');
    await store.set('x:y', { fresh: true });
    expect(await store.get('x:y')).toEqual({ fresh: true });
    const files = await readdir(join(path, '..'));
    expect(files.filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('refuses a file written by a newer format without touching it', async () => {
    const path = await tempPath();
    const store = new FileStore({ path });
    await store.set('a:b', { v: 1 });
    const newer = JSON.stringify({ format: 'tokenwise-sessions', version: 99, entries: {} });
    await writeFile(path, newer);
    await expect(store.get('a:b')).rejects.toMatchObject({ code: ErrorCodes.StoreError });
    await expect(store.set('a:b', { v: 2 })).rejects.toMatchObject({ code: ErrorCodes.StoreError });
    expect(await readFile(path, 'utf8')).toBe(newer);
  });

  it('gives up waiting for a lock held by a live process with a clear StoreError', async () => {
    const path = await tempPath();
    const holder = startHolder(path, 'k:busy');
    try {
      await holder.locked;
      const store = new FileStore({ path, lockWaitMs: 300 });
      const error = await store.withLock('k:busy', async () => 'never').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCodes.StoreError });
      expect(String((error as Error).message)).toMatch(/Timed out after 300 ms/);
      // Other keys are not blocked by it.
      expect(await store.withLock('k:other', async () => 'free')).toBe('free');
    } finally {
      holder.child.kill('SIGKILL');
    }
  });

  it('takes over a lock left behind by a killed process', async () => {
    const path = await tempPath();
    const holder = startHolder(path, 'k:stale');
    await holder.locked;
    holder.child.kill('SIGKILL');
    await new Promise((resolve) => holder.child.once('exit', resolve));
    const store = new FileStore({ path, lockStaleMs: 2000, lockWaitMs: 15_000 });
    expect(await store.withLock('k:stale', async () => 'recovered')).toBe('recovered');
  });
});
