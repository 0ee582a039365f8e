import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from './helpers/cli-process.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await makeSandbox();
});

afterAll(async () => {
  await sandbox.cleanup();
});

describe('a store path that is not a session file', () => {
  it('status --store <directory> fails with one line naming it, exit 1, and leaves the directory alone', async () => {
    const dir = join(sandbox.dir, 'my-folder');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const result = await runCli(['status', '--store', dir], sandbox.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `tokenwise: The session file path ${dir} is a directory, not a regular file; nothing was changed. Point the store at a file inside it, e.g. ${join(dir, 'sessions.json')}.\n`,
    );
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect((await readdir(sandbox.dir)).filter((n) => n.includes('corrupt'))).toEqual([]);
  });

  it('TOKENWISE_STORE_PATH=<directory> logout --all fails the same way', async () => {
    const dir = join(sandbox.dir, 'other-folder');
    await mkdir(dir);
    const result = await runCli(['logout', '--all'], { ...sandbox.env, TOKENWISE_STORE_PATH: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tokenwise: The session file path .*other-folder is a directory/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('status --store <symlink> refuses to read through the link', async () => {
    const target = join(sandbox.dir, 'real.json');
    await writeFile(target, '{}', { mode: 0o600 });
    const link = join(sandbox.dir, 'link.json');
    await symlink(target, link);
    const result = await runCli(['status', '--store', link], sandbox.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is a symbolic link, not a regular file; nothing was changed/);
    expect(await readFile(target, 'utf8')).toBe('{}');
  });
});
