import { createHash } from 'node:crypto';
import { lstat, rename } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { ConfigurationError, StoreError } from '../errors.js';
import { Emitter } from '../events.js';
import { checkDurationOption, checkStringOption, toJsonText } from '../option-checks.js';
import { checkOptionsObject, type OptionKeys } from '../option-object.js';
import { removeOrphanTempFiles, writeFileAtomically } from './atomic-write.js';
import { defaultStoreFolder, defaultStorePath } from './default-store-path.js';
import { describeFsError } from './errno.js';
import { acquireFileLock, sweepLockLeftovers } from './file-lock.js';
import type { FileStoreEvents } from './file-store-events.js';
import { KeyMutex } from './key-mutex.js';
import {
  notARegularFile,
  openSessionFile,
  prepareSessionFolder,
  tightenSessionFile,
} from './session-file-access.js';
import type { StoreSetOptions, TokenStore } from './token-store.js';

export type { FileStoreEvents, StoreCorruptEvent, StorePermissionsEvent } from './file-store-events.js';

/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /**
   * The JSON file. Default: `TOKENWISE_STORE_PATH`, else `sessions.json` in
   * the per-user config folder (see `defaultStorePath`). It must be a regular
   * file or not exist yet: a directory, symlink, FIFO, socket or device is
   * refused with `StoreError`.
   */
  path?: string;
  /**
   * A lock whose holder stopped refreshing it for this long is taken over
   * (a holder on this host whose process is gone is taken over at once).
   * Default 10 000 ms (minimum 2 000).
   */
  lockStaleMs?: number;
  /** How long `withLock` waits for another holder before throwing `StoreError`. Default 30 000 ms. */
  lockWaitMs?: number;
}

const OPTION_KEYS = {
  path: true,
  lockStaleMs: true,
  lockWaitMs: true,
} satisfies OptionKeys<FileStoreOptions>;

const FORMAT = 'tokenwise-sessions';
const FORMAT_VERSION = 1;

interface FileShape {
  format: typeof FORMAT;
  version: number;
  entries: Record<string, unknown>;
}

type ReadResult =
  | { ok: true; entries: Record<string, unknown> }
  | { ok: false; reason: string; ino: number | bigint };

/**
 * All sessions in one JSON file (mode 0600, folder 0700), shared safely by
 * every process of the user.
 *
 * - The path must be a regular file or missing: anything else is refused
 *   with StoreError and left exactly as it is. Links are never followed.
 * - A session file other users can read is set to 0600 (or refused when that
 *   is impossible) and reported with a `permissions` event; see
 *   `prepareSessionFolder` for the folder rules.
 * - Writes are atomic (temp file, fsync, rename); temp files left by a
 *   killed writer are removed by the next write.
 * - Locks are directories with an owner record, refreshed by their holder;
 *   see `acquireFileLock` for why takeover of a dead holder's lock is exclusive.
 * - A regular file that cannot be parsed is renamed to `<path>.corrupt-<time>`
 *   and reported with a `corrupt` event, then the store starts empty.
 */
export class FileStore implements TokenStore {
  /** The file this store reads and writes. */
  readonly path: string;
  readonly #lockStaleMs: number;
  readonly #lockWaitMs: number;
  readonly #mutex = new KeyMutex();
  readonly #events = new Emitter<FileStoreEvents>();
  #folderReady: Promise<void> | undefined;

  /**
   * @param options An options object; a bare path string, `null` or an
   *   unknown option name is a ConfigurationError.
   */
  constructor(options?: FileStoreOptions) {
    if (typeof options === 'string') {
      throw new ConfigurationError(
        "FileStore takes an options object, got a string: write new FileStore({ path: '...' })",
      );
    }
    const checked = checkOptionsObject(options, 'FileStore', OPTION_KEYS);
    const path = checkStringOption(checked.path, 'FileStore option `path`');
    if (path?.includes('\0')) throw new ConfigurationError('FileStore option `path` must not contain NUL');
    const lockStaleMs = checkDurationOption(checked.lockStaleMs, 'FileStore option `lockStaleMs`');
    const lockWaitMs = checkDurationOption(checked.lockWaitMs, 'FileStore option `lockWaitMs`');
    this.path = path ?? defaultStorePath();
    this.#lockStaleMs = Math.max(2000, lockStaleMs ?? 10_000);
    this.#lockWaitMs = lockWaitMs ?? 30_000;
  }

  /** Subscribes to store events (`corrupt`, `permissions`). Returns an unsubscribe function. */
  on<K extends keyof FileStoreEvents>(type: K, listener: (event: FileStoreEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** The stored value of `key` (read without the lock; a corrupt file is quarantined under it). */
  async get(key: string): Promise<unknown> {
    const entries = await this.#readOrRecover();
    return entries[key];
  }

  /** Every key in the file (sessions and internal records such as `throttle:...`). */
  async keys(): Promise<string[]> {
    return Object.keys(await this.#readOrRecover());
  }

  /** Stores `value` (JSON) under `key`: read, change and atomic rewrite of the file under its lock. */
  async set(key: string, value: unknown, _options?: StoreSetOptions): Promise<void> {
    const text = toJsonText(value);
    if (text instanceof Error)
      throw new StoreError(`The value for ${key} is not JSON-serialisable: ${text.message}`);
    const serialised = JSON.parse(text) as unknown;
    await this.#update((entries) => {
      entries[key] = serialised;
    });
  }

  /** Removes `key`; like every write, also removes temp files a killed writer left behind. */
  async delete(key: string): Promise<void> {
    await this.#update((entries) => {
      delete entries[key];
    });
  }

  /** Runs `fn` holding the lock of `key` against every other FileStore on this file, in any process. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.#mutex.run(`key:${key}`, () => this.#withFileLock(this.#keyLockPath(key), fn));
  }

  #keyLockPath(key: string): string {
    const digest = createHash('sha256').update(key).digest('hex').slice(0, 16);
    return `${this.path}.${digest}`;
  }

  async #update(mutate: (entries: Record<string, unknown>) => void): Promise<void> {
    await this.#mutex.run('file', () =>
      this.#withFileLock(this.path, async () => {
        const entries = await this.#read(true);
        mutate(entries);
        const body: FileShape = { format: FORMAT, version: FORMAT_VERSION, entries };
        try {
          // Under the file lock no writer is mid-write, so every temp file is an orphan.
          await removeOrphanTempFiles(this.path);
          await writeFileAtomically(this.path, `${JSON.stringify(body, null, 2)}\n`);
        } catch (error) {
          throw new StoreError(`Could not write the session file ${this.path}: ${describeFsError(error)}`, {
            cause: error,
          });
        }
        await sweepLockLeftovers(dirname(this.path), `${basename(this.path)}.`, this.#lockStaleMs);
      }),
    );
  }

  /** Reads without the file lock; only a corrupt file needs the lock, to move it aside exactly once. */
  async #readOrRecover(): Promise<Record<string, unknown>> {
    const parsed = await this.#tryRead();
    if (parsed.ok) return parsed.entries;
    return this.#mutex.run('file', () => this.#withFileLock(this.path, () => this.#read(true)));
  }

  async #read(recover: boolean): Promise<Record<string, unknown>> {
    const parsed = await this.#tryRead();
    if (parsed.ok) return parsed.entries;
    if (!recover) return {};
    const movedTo = `${this.path}.corrupt-${Date.now()}`;
    try {
      // Quarantine only the regular file that failed to parse, not whatever is there now.
      const now = await lstat(this.path);
      if (!now.isFile() || now.ino !== parsed.ino) {
        throw new StoreError(`The session file ${this.path} changed while being read; try again`);
      }
      await rename(this.path, movedTo);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        `The session file ${this.path} is unreadable (${parsed.reason}) and could not be moved aside: ${describeFsError(error)}`,
        { cause: error },
      );
    }
    this.#events.emit('corrupt', { path: this.path, movedTo, reason: parsed.reason });
    return {};
  }

  async #tryRead(): Promise<ReadResult> {
    const handle = await openSessionFile(this.path);
    if (handle === undefined) return { ok: true, entries: {} };
    let text: string;
    let ino: number | bigint;
    try {
      await tightenSessionFile(handle, this.path, (event) => this.#events.emit('permissions', event));
      ino = (await handle.stat()).ino;
      text = await handle.readFile('utf8');
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`Could not read the session file ${this.path}: ${describeFsError(error)}`, {
        cause: error,
      });
    } finally {
      await handle.close();
    }
    if (text.trim() === '') return { ok: false, reason: 'the file is empty', ino };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'the file is not valid JSON', ino };
    }
    if (!isFileShape(data)) return { ok: false, reason: 'the file is not a tokenwise session file', ino };
    if (data.version > FORMAT_VERSION) {
      throw new StoreError(
        `The session file ${this.path} was written by a newer tokenwise (format ${data.version}); upgrade to read it`,
      );
    }
    return { ok: true, entries: { ...data.entries } };
  }

  /**
   * `target` names the lock; the lock itself is the directory `<target>.lock`.
   * The session path is checked first so a refused path gets no lock
   * directory beside it either.
   */
  async #withFileLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
    await this.#refuseUnusablePath();
    await this.#prepareFolder();
    const lock = await acquireFileLock(`${target}.lock`, {
      staleMs: this.#lockStaleMs,
      waitMs: this.#lockWaitMs,
      recreateFolder: () => {
        this.#folderReady = undefined;
        return this.#prepareFolder();
      },
    });
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  async #refuseUnusablePath(): Promise<void> {
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(this.path);
    } catch {
      // Missing is fine; ENOTDIR and the like are reported by the folder step, naming the folder.
      return;
    }
    if (!info.isFile()) throw notARegularFile(this.path, info);
  }

  #prepareFolder(): Promise<void> {
    const folder = dirname(this.path);
    this.#folderReady ??= prepareSessionFolder(
      folder,
      resolve(folder) === resolve(defaultStoreFolder()),
      (event) => this.#events.emit('permissions', event),
    ).catch((error: unknown) => {
      this.#folderReady = undefined;
      throw error;
    });
    return this.#folderReady;
  }
}

function isFileShape(data: unknown): data is FileShape {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  return (
    record.format === FORMAT &&
    typeof record.version === 'number' &&
    typeof record.entries === 'object' &&
    record.entries !== null &&
    !Array.isArray(record.entries)
  );
}
