import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrno } from './errno.js';

// Windows has no O_NOFOLLOW; there `rename` replaces a link itself, never its target.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const IS_WINDOWS = process.platform === 'win32';

/**
 * Replaces `path` with `text` atomically: a new 0600 temp file beside it
 * (created exclusively, never following a link), written, fsynced, renamed
 * over `path`, then the folder fsynced so the rename survives a power cut.
 *
 * Written here rather than with write-file-atomic because the temp file must
 * be recognisable (`<file>.tmp-<pid>-<random>`, see {@link removeOrphanTempFiles})
 * and must never be opened through a symlink; write-file-atomic picks its own
 * name and resolves links to write their target.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const handle = await open(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
    0o600,
  );
  try {
    // The umask may have taken bits away; the file needs exactly owner read/write.
    if (!IS_WINDOWS) await handle.chmod(0o600);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/**
 * Deletes temp files of `path` left by writers that were killed mid-write
 * (they hold a copy of the sessions, refresh tokens included). Only safe
 * while holding the store's file lock, when no writer can be mid-write.
 * Besides this version's `<file>.tmp-<pid>-<hex>`, it removes those of
 * versions that used write-file-atomic (`<file>.<9-10 digits>`), but only
 * when they are regular files holding a tokenwise session file, so a
 * user's numbered backup of something else is never touched.
 *
 * @returns How many were removed.
 */
export async function removeOrphanTempFiles(path: string): Promise<number> {
  const folder = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const suffix = name.slice(base.length + 1);
    const current = /^tmp-\d+-[0-9a-f]+$/.test(suffix);
    const legacy = /^\d{9,10}$/.test(suffix);
    if (!current && !legacy) continue;
    const file = join(folder, name);
    try {
      if (!(await lstat(file)).isFile()) continue;
      if (legacy && !(await holdsSessionFile(file))) continue;
      await rm(file, { force: true });
      removed++;
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }
  return removed;
}

async function holdsSessionFile(file: string): Promise<boolean> {
  const handle = await open(file, constants.O_RDONLY | NO_FOLLOW);
  try {
    const head = await readFile(handle, { encoding: 'utf8' });
    return /^\s*\{\s*"format"\s*:\s*"tokenwise-sessions"/.test(head);
  } finally {
    await handle.close();
  }
}

async function syncFolder(folder: string): Promise<void> {
  if (IS_WINDOWS) return;
  try {
    const handle = await open(folder, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
    if (!isErrno(error, 'EINVAL', 'EPERM', 'EACCES', 'EISDIR', 'ENOTSUP')) throw error;
  }
}
