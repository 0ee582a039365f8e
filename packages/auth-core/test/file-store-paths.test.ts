import { execFileSync, spawn } from 'node:child_process';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import { FileStore } from '../src/store/file-store.js';
import type { StorePermissionsEvent } from '../src/store/file-store-events.js';

const dirs: string[] = [];
const SESSION_FILE = `${JSON.stringify({ format: 'tokenwise-sessions', version: 1, entries: { 'a:b': { n: 1 } } }, null, 2)}\n`;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-fsp-'));
  dirs.push(dir);
  return dir;
}

/** Every name in `dir`, sorted: proves nothing was moved, renamed or added beside the path. */
async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

async function storeError(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: ErrorCodes.StoreError });
  return error as Error;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('FileStore refuses a path that is not a regular file, changing nothing', () => {
  it('a directory: get, keys, set, delete and withLock throw StoreError naming it; it is not renamed', async () => {
    const dir = await tempDir();
    const target = join(dir, 'sessions');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'mine');
    const store = new FileStore({ path: target });
    for (const call of [
      () => store.get('a:b'),
      () => store.keys(),
      () => store.set('a:b', { n: 1 }),
      () => store.delete('a:b'),
      () => store.withLock('a:b', async () => 'ran'),
    ]) {
      const error = await storeError(call());
      expect(error.message).toContain(target);
      expect(error.message).toContain('is a directory');
    }
    expect(await listing(dir)).toEqual(['sessions']);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('TOKENWISE_STORE_PATH pointing at a directory is refused the same way', async () => {
    const dir = await tempDir();
    const saved = process.env.TOKENWISE_STORE_PATH;
    process.env.TOKENWISE_STORE_PATH = dir;
    try {
      const store = new FileStore();
      expect((await storeError(store.keys())).message).toContain(`${dir} is a directory`);
    } finally {
      if (saved === undefined) delete process.env.TOKENWISE_STORE_PATH;
      else process.env.TOKENWISE_STORE_PATH = saved;
    }
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('a symlink to a session file: neither read nor written through, the target keeps its bytes', async () => {
    const dir = await tempDir();
    const target = join(dir, 'elsewhere.json');
    await writeFile(target, SESSION_FILE, { mode: 0o600 });
    const link = join(dir, 'sessions.json');
    await symlink(target, link);
    const store = new FileStore({ path: link });
    expect((await storeError(store.get('a:b'))).message).toMatch(/is a symbolic link.*never reads or writes/);
    expect((await storeError(store.set('a:b', { n: 2 }))).message).toContain(link);
    expect((await storeError(store.delete('a:b'))).message).toContain('symbolic link');
    expect(await readFile(target, 'utf8')).toBe(SESSION_FILE);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await listing(dir)).toEqual(['elsewhere.json', 'sessions.json']);
  });

  it('a FIFO is refused without blocking on it', async () => {
    const dir = await tempDir();
    const fifo = join(dir, 'sessions.json');
    execFileSync('mkfifo', [fifo]);
    const store = new FileStore({ path: fifo });
    expect((await storeError(store.get('a:b'))).message).toContain('is a FIFO (named pipe)');
    expect((await storeError(store.set('a:b', 1))).message).toContain('is a FIFO');
    expect(await listing(dir)).toEqual(['sessions.json']);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('a socket and a device are refused', async () => {
    const dir = await tempDir();
    const socketPath = join(dir, 'sessions.json');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const store = new FileStore({ path: socketPath });
      expect((await storeError(store.keys())).message).toContain('is a socket');
      expect((await storeError(store.set('a:b', 1))).message).toContain('is a socket');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Read only: a device is never a place to write to, even in a test.
    const device = new FileStore({ path: '/dev/null' });
    expect((await storeError(device.get('a:b'))).message).toContain('/dev/null is a character device');
  });

  it('a regular file that fails to parse is still quarantined byte for byte', async () => {
    const dir = await tempDir();
    const path = join(dir, 'sessions.json');
    await writeFile(path, 'not json', { mode: 0o600 });
    const store = new FileStore({ path });
    const moved: string[] = [];
    store.on('corrupt', (e) => moved.push(e.movedTo));
    expect(await store.keys()).toEqual([]);
    expect(moved).toHaveLength(1);
    expect(await readFile(moved[0] ?? '', 'utf8')).toBe('not json');
  });
});

describe('FileStore permissions', () => {
  it('tightens a 0644 session file to 0600 and reports it with a permissions event', async () => {
    const dir = await tempDir();
    const path = join(dir, 'sessions.json');
    await writeFile(path, SESSION_FILE);
    await chmod(path, 0o644);
    const store = new FileStore({ path });
    const events: StorePermissionsEvent[] = [];
    store.on('permissions', (e) => events.push(e));
    expect(await store.get('a:b')).toEqual({ n: 1 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(events).toEqual([
      expect.objectContaining({ path, kind: 'file', oldMode: 0o644, newMode: 0o600, tightened: true }),
    ]);
    await store.get('a:b');
    expect(events).toHaveLength(1);
    expect(await readFile(path, 'utf8')).toBe(SESSION_FILE);
  });

  it('refuses a too-open session file it cannot tighten (another user owns it)', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o755);
    const path = join(dir, 'sessions.json');
    await writeFile(path, SESSION_FILE);
    await chmod(path, 0o644);
    const script = `import('@tokenwise/auth-core').then(({ FileStore }) => new FileStore({ path: ${JSON.stringify(path)} }).get('a:b')).then((v) => console.log('served', JSON.stringify(v)), (e) => console.log(e.code, e.message))`;
    // Run as another user (nobody) when root; a non-root user meets a root-owned file the same way.
    const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        ...asOther,
        cwd: join(import.meta.dirname, '..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    expect(output).toContain(ErrorCodes.StoreError);
    expect(output).toMatch(/open to other users \(mode 0644\) and could not be made private \(EPERM\)/);
    expect(output).not.toContain('served');
    expect((await stat(path)).mode & 0o777).toBe(0o644);
  });

  it('creates its own folder 0700', async () => {
    const dir = await tempDir();
    const path = join(dir, 'new', 'sessions.json');
    await new FileStore({ path }).set('a:b', 1);
    expect((await stat(join(dir, 'new'))).mode & 0o777).toBe(0o700);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('tightens the default per-user folder from 0777 to 0700 and reports it', async () => {
    const dir = await tempDir();
    const folder = join(dir, 'config', 'tokenwise');
    await mkdir(folder, { recursive: true });
    await chmod(folder, 0o777);
    const saved = { xdg: process.env.XDG_CONFIG_HOME, path: process.env.TOKENWISE_STORE_PATH };
    process.env.XDG_CONFIG_HOME = join(dir, 'config');
    delete process.env.TOKENWISE_STORE_PATH;
    try {
      const store = new FileStore();
      expect(store.path).toBe(join(folder, 'sessions.json'));
      const events: StorePermissionsEvent[] = [];
      store.on('permissions', (e) => events.push(e));
      await store.set('a:b', 1);
      expect((await stat(folder)).mode & 0o777).toBe(0o700);
      expect(events).toEqual([
        expect.objectContaining({
          path: folder,
          kind: 'folder',
          oldMode: 0o777,
          newMode: 0o700,
          tightened: true,
        }),
      ]);
    } finally {
      for (const [key, value] of [
        ['XDG_CONFIG_HOME', saved.xdg],
        ['TOKENWISE_STORE_PATH', saved.path],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('never changes a folder the user pointed it into: reports a world-writable one, is silent about a sticky one', async () => {
    const dir = await tempDir();
    const open = join(dir, 'shared');
    const sticky = join(dir, 'tmp-like');
    await mkdir(open);
    await mkdir(sticky);
    await chmod(open, 0o777);
    await chmod(sticky, 0o1777);
    const openStore = new FileStore({ path: join(open, 'sessions.json') });
    const stickyStore = new FileStore({ path: join(sticky, 'sessions.json') });
    const events: StorePermissionsEvent[] = [];
    openStore.on('permissions', (e) => events.push(e));
    stickyStore.on('permissions', (e) => events.push(e));
    await openStore.set('a:b', 1);
    await stickyStore.set('a:b', 1);
    expect((await stat(open)).mode & 0o7777).toBe(0o777);
    expect((await stat(sticky)).mode & 0o7777).toBe(0o1777);
    expect(events).toEqual([
      expect.objectContaining({
        path: open,
        kind: 'folder',
        oldMode: 0o777,
        newMode: 0o777,
        tightened: false,
      }),
    ]);
    expect(events[0]?.reason).toMatch(/other users may replace the session file/);
  });
});

describe('FileStore takes an options object only', () => {
  it.each([
    ['a path string', '/tmp/sessions.json', /FileStore takes an options object, got a string/],
    ['null', null, /FileStore options must be an object, got null/],
    ['an array', ['/tmp/sessions.json'], /FileStore options must be an object, got an array/],
    [
      'a misspelled option',
      { pth: '/tmp/x.json' },
      /FileStore option `pth` is not a known option \(did you mean `path`\?\)/,
    ],
    ['a path with NUL', { path: '/tmp/a\0b' }, /`path` must not contain NUL/],
    ['an empty path', { path: ' ' }, /`path` must be a non-empty string/],
  ])('%s is a ConfigurationError naming the problem', (_label, options, message) => {
    const create = () => new FileStore(options as never);
    expect(create).toThrow(message);
    try {
      create();
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCodes.ConfigurationError });
    }
  });
});
