import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { sleep } from '../abort.js';
import { StoreError } from '../errors.js';
import { MAX_TIMER_MS } from '../option-checks.js';
import { describeFsError, isErrno } from './errno.js';
import {
  forgetOwner,
  isOwnerGone,
  type LockOwner,
  newLockOwner,
  readOwner,
  writeOwner,
} from './lock-owner.js';

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /** A lock not refreshed for this long is taken over (its holder stalled or died on another host). */
  staleMs: number;
  /** How long to wait for a live holder before throwing StoreError. */
  waitMs: number;
  /** Recreates the lock's folder when it has disappeared (called at most once per acquisition). */
  recreateFolder?: () => Promise<void>;
}

/** A lock held by this thread. */
export interface FileLock {
  /**
   * True once the lock was found taken over or removed while held (this
   * holder stalled past `staleMs`): `release` then leaves the new holder's
   * lock alone.
   */
  readonly compromised: boolean;
  /** Removes the lock if it is still this holder's. Never throws. */
  release(): Promise<void>;
}

interface LockState {
  /** The owner's random id, or for a lock without owner record its inode and mtime. */
  identity: string;
  stale: boolean;
}

// A claim of a claim of a claim: each level needs its holder to die inside a
// few milliseconds' window, so deeper chains are not worth following.
const MAX_CLAIM_DEPTH = 3;

/**
 * Takes the lock directory `path`, waiting up to `waitMs` for a live holder.
 *
 * Why not proper-lockfile: its stale takeover is "stat, judge stale, rmdir,
 * mkdir", and the rmdir removes whatever lock is at the path by then — a
 * waiter that judged the old lock stale removes the fresh lock another waiter
 * has just taken, and both run inside the lock. Here every lock instance
 * carries a random owner id, and a stale lock is removed only by the one
 * waiter that created the claim directory `<path>.claim-<that id>` (mkdir is
 * atomic, the name is never reused for another instance), after re-checking
 * under the claim that the same instance is still there and still stale.
 * Waiters that lose the claim just retry, so nothing ever removes a lock it
 * did not judge. A holder on this host whose process is gone is taken over at
 * once; other holders only after `staleMs` without a refresh.
 */
export async function acquireFileLock(path: string, options: FileLockOptions): Promise<FileLock> {
  const deadline = Date.now() + options.waitMs;
  let folderRecreated = false;
  let waits = 0;
  for (;;) {
    const owner = newLockOwner();
    let created: boolean;
    try {
      created = await createLockDir(path, owner);
    } catch (error) {
      forgetOwner(owner);
      if (isErrno(error, 'ENOENT') && options.recreateFolder && !folderRecreated) {
        folderRecreated = true;
        await options.recreateFolder();
        continue;
      }
      throw new StoreError(`Could not lock ${path}: ${describeFsError(error)}`, { cause: error });
    }
    if (created) return new HeldLock(path, owner, options.staleMs);
    forgetOwner(owner);
    try {
      const state = await inspectLock(path, options.staleMs);
      // Released (or removed by a takeover) since the mkdir: try again at once.
      if (state === undefined) continue;
      if (state.stale && (await removeStaleLock(path, state, options.staleMs, 0))) continue;
    } catch (error) {
      throw new StoreError(`Could not lock ${path}: ${describeFsError(error)}`, { cause: error });
    }
    if (Date.now() >= deadline) {
      throw new StoreError(
        `Timed out after ${options.waitMs} ms waiting for the lock ${path} held by another process`,
      );
    }
    // Short first waits hand the lock on quickly; growing to ~100 ms keeps a long wait cheap.
    const base = Math.min(100, 5 * 1.5 ** waits++);
    await sleep(base / 2 + Math.random() * base);
  }
}

/**
 * Removes leftovers of crashed lock operations whose names start with
 * `prefix` in `folder`: renamed-away locks (`.gone-`, unused by anyone) and
 * stale claims. Safe at any time; FileStore runs it while writing.
 */
export async function sweepLockLeftovers(folder: string, prefix: string, staleMs: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const path = join(folder, name);
    if (/\.gone-[0-9a-f]+$/.test(name)) {
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
    } else if (/\.claim-[^/\\]+$/.test(name)) {
      const state = await inspectLock(path, staleMs).catch(() => undefined);
      if (state?.stale) await removeStaleLock(path, state, staleMs, 0).catch(() => false);
    }
  }
}

/** mkdir (atomic: exactly one creator wins), then the owner record inside. False when it already exists. */
async function createLockDir(path: string, owner: LockOwner): Promise<boolean> {
  try {
    await mkdir(path, { mode: 0o700 });
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await writeOwner(path, owner);
  } catch (error) {
    // Gone already: taken over as stale in the moment between (only with a tiny staleMs).
    if (isErrno(error, 'ENOENT')) return false;
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  return true;
}

async function inspectLock(path: string, staleMs: number): Promise<LockState | undefined> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  const owner = await readOwner(path);
  // Ownerless: being created this instant, or left by an older tokenwise (proper-lockfile's
  // empty directory). Only its age can tell, and its mtime makes the identity change with
  // every refresh, so a refreshed lock is never removed on an old judgement.
  const identity = owner?.id ?? `dir-${info.ino}-${Math.trunc(info.mtimeMs)}`;
  const stale = (owner !== undefined && isOwnerGone(owner)) || Date.now() - info.mtimeMs > staleMs;
  return { identity, stale };
}

/**
 * Removes the lock instance `seen` at `path` if this waiter wins its claim
 * and it is still there and still stale. True when the lock at `path` is gone.
 */
async function removeStaleLock(
  path: string,
  seen: LockState,
  staleMs: number,
  depth: number,
): Promise<boolean> {
  if (depth > MAX_CLAIM_DEPTH) return false;
  const claimPath = `${path}.claim-${seen.identity}`;
  const owner = newLockOwner();
  try {
    if (!(await createLockDir(claimPath, owner))) {
      // Someone else is removing it. If that someone died mid-way, its claim is itself
      // stale: remove it the same way so a later round can claim again.
      const claim = await inspectLock(claimPath, staleMs);
      if (claim?.stale) await removeStaleLock(claimPath, claim, staleMs, depth + 1);
      return false;
    }
    try {
      const now = await inspectLock(path, staleMs);
      if (now === undefined) return true;
      if (now.identity !== seen.identity || !now.stale) return false;
      await moveAsideAndRemove(path);
      return true;
    } finally {
      await removeIfOwned(claimPath, owner);
    }
  } finally {
    forgetOwner(owner);
  }
}

/** Renames first so the lock disappears from its path in one atomic step, then deletes it. */
async function moveAsideAndRemove(path: string): Promise<void> {
  const gone = `${path}.gone-${randomBytes(6).toString('hex')}`;
  try {
    await rename(path, gone);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  await rm(gone, { recursive: true, force: true });
}

async function removeIfOwned(path: string, owner: LockOwner): Promise<void> {
  try {
    if ((await readOwner(path))?.id === owner.id) await moveAsideAndRemove(path);
  } catch {
    // Left behind: it goes stale (its owner is this process, gone once this thread forgets it).
  }
}

class HeldLock implements FileLock {
  readonly #path: string;
  readonly #owner: LockOwner;
  readonly #everyMs: number;
  #compromised = false;
  #released = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(path: string, owner: LockOwner, staleMs: number) {
    this.#path = path;
    this.#owner = owner;
    this.#everyMs = Math.min(staleMs / 2, MAX_TIMER_MS);
    this.#schedule();
  }

  get compromised(): boolean {
    return this.#compromised;
  }

  async release(): Promise<void> {
    this.#released = true;
    clearTimeout(this.#timer);
    if (!this.#compromised) await removeIfOwned(this.#path, this.#owner);
    forgetOwner(this.#owner);
  }

  #schedule(): void {
    this.#timer = setTimeout(() => void this.#refresh(), this.#everyMs);
    this.#timer.unref();
  }

  /** Keeps the lock fresh (waiters judge staleness by mtime) and notices a takeover. */
  async #refresh(): Promise<void> {
    if (this.#released) return;
    try {
      const now = new Date();
      await utimes(this.#path, now, now);
      if ((await readOwner(this.#path))?.id !== this.#owner.id) this.#compromised = true;
    } catch (error) {
      // Transient errors are retried on the next tick; a missing lock is a takeover.
      if (isErrno(error, 'ENOENT')) this.#compromised = true;
    }
    if (!this.#compromised && !this.#released) this.#schedule();
  }
}
