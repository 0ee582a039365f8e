import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { isErrno } from './errno.js';

/**
 * Who holds a lock directory, written inside it as `owner.json`. The random
 * `id` is what makes one lock instance distinguishable from the next one at
 * the same path; pid, thread and host let a waiter on the same machine see
 * at once that the holder has died.
 */
export interface LockOwner {
  id: string;
  pid: number;
  threadId: number;
  hostname: string;
  createdAt: number;
}

const OWNER_FILE = 'owner.json';

// Shared through the global registry so the ESM and CommonJS copies of this module
// loaded in one thread agree on which lock instances this thread holds.
const HELD_KEY = Symbol.for('tokenwise.heldLockIds');
const registry = globalThis as { [HELD_KEY]?: Set<string> };
const held: Set<string> = registry[HELD_KEY] ?? new Set<string>();
registry[HELD_KEY] = held;

/** A new owner record for this thread; its id counts as held until {@link forgetOwner}. */
export function newLockOwner(): LockOwner {
  const owner: LockOwner = {
    id: randomBytes(12).toString('hex'),
    pid: process.pid,
    threadId,
    hostname: hostname(),
    createdAt: Date.now(),
  };
  held.add(owner.id);
  return owner;
}

/** Call once the lock of `owner` is gone (released, renamed away, or never created). */
export function forgetOwner(owner: LockOwner): void {
  held.delete(owner.id);
}

/** Writes `owner.json` into a lock directory this thread just created. */
export async function writeOwner(dir: string, owner: LockOwner): Promise<void> {
  await writeFile(join(dir, OWNER_FILE), JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
}

/** The owner record of a lock directory; undefined while it is being written, or for a lock of an older version. */
export async function readOwner(dir: string): Promise<LockOwner | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, OWNER_FILE), 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
  try {
    const data = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof data.id === 'string' &&
      /^[0-9a-f]{8,64}$/.test(data.id) &&
      Number.isSafeInteger(data.pid) &&
      (data.pid ?? 0) > 0 &&
      typeof data.threadId === 'number' &&
      typeof data.hostname === 'string' &&
      typeof data.createdAt === 'number'
    ) {
      return data as LockOwner;
    }
  } catch {
    // A half-written record reads as "no owner yet": judged by age like an old-style lock.
  }
  return undefined;
}

/**
 * True only when the holder is certainly gone: it ran on this host and its
 * process no longer exists (`kill(pid, 0)` → ESRCH), or it ran in this very
 * thread (the pid of a previous container incarnation, say) and this thread
 * does not hold it. Anything uncertain (another host, a live pid, another
 * thread of this process, EPERM) is false: those locks go stale by age only.
 */
export function isOwnerGone(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  if (owner.pid === process.pid) return owner.threadId === threadId && !held.has(owner.id);
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return isErrno(error, 'ESRCH');
  }
}
