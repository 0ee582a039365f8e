import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { chmod, type FileHandle, lstat, mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../errors.js';
import { describeFsError, isErrno } from './errno.js';
import type { StorePermissionsEvent } from './file-store-events.js';

// Windows has neither O_NOFOLLOW nor meaningful permission bits.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = constants.O_NONBLOCK ?? 0;
const IS_WINDOWS = process.platform === 'win32';

/** Receives a `permissions` event. */
export type PermissionsReporter = (event: StorePermissionsEvent) => void;

/** What a non-regular file system entry is, for a message: "a directory", "a symbolic link", ... */
export function describeEntry(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * The StoreError for a session path that exists but is not a regular file.
 * Nothing is moved or written in that case: the path is the user's.
 */
export function notARegularFile(path: string, info: Stats): StoreError {
  const what = describeEntry(info);
  const hint = info.isDirectory()
    ? ` Point the store at a file inside it, e.g. ${join(path, 'sessions.json')}.`
    : info.isSymbolicLink()
      ? ' tokenwise never reads or writes a session file through a link (its target would be overwritten); point the store at the real file.'
      : '';
  return new StoreError(
    `The session file path ${path} is ${what}, not a regular file; nothing was changed.${hint}`,
  );
}

/**
 * Opens the session file for reading, or returns undefined when there is
 * none. Anything but a regular file (directory, symlink, FIFO, socket,
 * device) is refused with a StoreError before it is opened, so a FIFO is not
 * waited on and a device is not touched; the opened file is checked again so
 * a swap to anything but a regular file in between is refused too.
 */
export async function openSessionFile(path: string): Promise<FileHandle | undefined> {
  let before: Stats;
  try {
    before = await lstat(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw unreadable(path, error);
  }
  if (!before.isFile()) throw notARegularFile(path, before);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW | NON_BLOCK);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    if (isErrno(error, 'ELOOP')) throw notARegularFile(path, await lstat(path));
    throw unreadable(path, error);
  }
  const after = await handle.stat();
  // Another writer's atomic rename between lstat and open hands us the new regular file: that is
  // the normal way the file changes, not an attack. Only a swap to something else is refused.
  if (!after.isFile()) {
    await handle.close();
    throw new StoreError(`The session file ${path} was replaced while being opened; nothing was changed`);
  }
  return handle;
}

/**
 * Makes an opened session file private: a file other users may read or
 * write (any of the 0o077 bits) is set to 0600 and reported. A file this
 * user may not chmod (someone else's) is refused: its sessions are not
 * served.
 */
export async function tightenSessionFile(
  handle: FileHandle,
  path: string,
  report: PermissionsReporter,
): Promise<void> {
  if (IS_WINDOWS) return;
  const mode = (await handle.stat()).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    await handle.chmod(0o600);
  } catch (error) {
    throw new StoreError(
      `The session file ${path} is open to other users (mode ${octal(mode)}) and could not be made private (${describeFsError(error)}); its sessions are not used. Make it yours with mode 0600`,
      { cause: error },
    );
  }
  report({
    path,
    kind: 'file',
    oldMode: mode,
    newMode: 0o600,
    tightened: true,
    reason: `mode ${octal(mode)} let other users read or change the sessions`,
  });
}

/**
 * Creates the session file's folder (0700) when missing and checks it:
 * the folder tokenwise just created and the default per-user folder are
 * set to 0700 when they are open to others; any other folder (one the user
 * pointed the store into, such as `/tmp` or a project folder) is never
 * changed, only reported when other users may write to it without the
 * sticky bit (they could replace the session file).
 */
export async function prepareSessionFolder(
  folder: string,
  isDefaultFolder: boolean,
  report: PermissionsReporter,
): Promise<void> {
  let created: string | undefined;
  try {
    created = await mkdir(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StoreError(
      `Could not create the folder ${folder} for the session file: ${describeFsError(error)}`,
      {
        cause: error,
      },
    );
  }
  // stat, not lstat: a folder reached through a link (a dotfiles ~/.config) is fine.
  const info = await stat(folder).catch((error: unknown) => {
    throw new StoreError(`Could not read the folder ${folder}: ${describeFsError(error)}`, { cause: error });
  });
  if (!info.isDirectory()) {
    throw new StoreError(`The folder of the session file, ${folder}, is ${describeEntry(info)}`);
  }
  if (IS_WINDOWS) return;
  const mode = info.mode & 0o777;
  if (created !== undefined) {
    // Ours: exactly 0700 whatever the umask did.
    if (mode !== 0o700) await chmod(folder, 0o700).catch(() => undefined);
    return;
  }
  if ((mode & 0o077) === 0) return;
  if (isDefaultFolder) {
    try {
      await chmod(folder, 0o700);
      report({
        path: folder,
        kind: 'folder',
        oldMode: mode,
        newMode: 0o700,
        tightened: true,
        reason: `the per-user tokenwise folder had mode ${octal(mode)}`,
      });
    } catch (error) {
      report({
        path: folder,
        kind: 'folder',
        oldMode: mode,
        newMode: mode,
        tightened: false,
        reason: `the per-user tokenwise folder has mode ${octal(mode)} and could not be set to 0700 (${describeFsError(error)})`,
      });
    }
    return;
  }
  const sticky = (info.mode & 0o1000) !== 0;
  if ((mode & 0o022) !== 0 && !sticky) {
    report({
      path: folder,
      kind: 'folder',
      oldMode: mode,
      newMode: mode,
      tightened: false,
      reason: `mode ${octal(mode)}: other users may replace the session file in it (left as is: it is not tokenwise's folder)`,
    });
  }
}

function unreadable(path: string, error: unknown): StoreError {
  return new StoreError(`Could not read the session file ${path}: ${describeFsError(error)}`, {
    cause: error,
  });
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
