import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { sleep } from '../abort.js';
import { ConfigurationError, StoreError } from '../errors.js';
import { Emitter } from '../events.js';
import { checkDurationOption, toJsonText } from '../option-checks.js';
import { defaultStorePath } from './default-store-path.js';
import { KeyMutex } from './key-mutex.js';
import type { StoreSetOptions, TokenStore } from './token-store.js';

/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /** The JSON file. Default: `sessions.json` in the per-user config folder (see `defaultStorePath`). */
  path?: string;
  /** A lock whose holder stopped refreshing it for this long is taken over. Default 10 000 ms (minimum 2 000). */
  lockStaleMs?: number;
  /** How long `withLock` waits for another holder before throwing `StoreError`. Default 30 000 ms. */
  lockWaitMs?: number;
}

/** Emitted when the store file could not be parsed and was moved aside. */
export interface StoreCorruptEvent {
  path: string;
  /** Where the unreadable file now is; it is kept, never overwritten. */
  movedTo: string;
  reason: string;
}

/** Events of {@link FileStore}. */
export interface FileStoreEvents {
  corrupt: StoreCorruptEvent;
}

const FORMAT = 'tokenwise-sessions';
const FORMAT_VERSION = 1;

interface FileShape {
  format: typeof FORMAT;
  version: number;
  entries: Record<string, unknown>;
}

/**
 * All sessions in one JSON file (mode 0600, folder 0700), shared safely by
 * every process of the user. Writes are atomic (temp file, fsync, rename);
 * locks are directories refreshed by their holder, so a lock left by a killed
 * process is taken over after `lockStaleMs`. A file that cannot be parsed is
 * renamed to `<path>.corrupt-<time>` and reported with a `corrupt` event,
 * then the store starts empty.
 *
 * Locking uses `proper-lockfile` (mkdir-based, works on NFS and every OS,
 * maintained, with staleness by mtime) and writing `write-file-atomic`
 * (temp + fsync + rename with a mode) instead of hand-rolled versions.
 */
export class FileStore implements TokenStore {
  /** The file this store reads and writes. */
  readonly path: string;
  readonly #lockStaleMs: number;
  readonly #lockWaitMs: number;
  readonly #mutex = new KeyMutex();
  readonly #events = new Emitter<FileStoreEvents>();
  #dirReady: Promise<void> | undefined;

  constructor(options: FileStoreOptions = {}) {
    if (options.path !== undefined && (typeof options.path !== 'string' || options.path.trim() === '')) {
      throw new ConfigurationError('FileStore option `path` must be a non-empty string');
    }
    checkDurationOption(options.lockStaleMs, 'FileStore option `lockStaleMs`');
    checkDurationOption(options.lockWaitMs, 'FileStore option `lockWaitMs`');
    this.path = options.path ?? defaultStorePath();
    this.#lockStaleMs = Math.max(2000, options.lockStaleMs ?? 10_000);
    this.#lockWaitMs = options.lockWaitMs ?? 30_000;
  }

  /** Subscribes to store events (`corrupt`). Returns an unsubscribe function. */
  on<K extends keyof FileStoreEvents>(type: K, listener: (event: FileStoreEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  async get(key: string): Promise<unknown> {
    const entries = await this.#readOrRecover();
    return entries[key];
  }

  /** Every key in the file (sessions and internal records such as `throttle:...`). */
  async keys(): Promise<string[]> {
    return Object.keys(await this.#readOrRecover());
  }

  async set(key: string, value: unknown, _options?: StoreSetOptions): Promise<void> {
    const text = toJsonText(value);
    if (text instanceof Error)
      throw new StoreError(`The value for ${key} is not JSON-serialisable: ${text.message}`);
    const serialised = JSON.parse(text) as unknown;
    await this.#update((entries) => {
      entries[key] = serialised;
    });
  }

  async delete(key: string): Promise<void> {
    await this.#update((entries) => {
      delete entries[key];
    });
  }

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
          await writeFileAtomic(this.path, `${JSON.stringify(body, null, 2)}\n`, {
            mode: 0o600,
            fsync: true,
          });
        } catch (error) {
          throw new StoreError(`Could not write the session file ${this.path}: ${describe(error)}`, {
            cause: error,
          });
        }
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
      await rename(this.path, movedTo);
    } catch (error) {
      throw new StoreError(
        `The session file ${this.path} is unreadable (${parsed.reason}) and could not be moved aside: ${describe(error)}`,
        { cause: error },
      );
    }
    this.#events.emit('corrupt', { path: this.path, movedTo, reason: parsed.reason });
    return {};
  }

  async #tryRead(): Promise<{ ok: true; entries: Record<string, unknown> } | { ok: false; reason: string }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return { ok: true, entries: {} };
      if (isErrno(error, 'EISDIR')) return { ok: false, reason: 'the path is a directory' };
      throw new StoreError(`Could not read the session file ${this.path}: ${describe(error)}`, {
        cause: error,
      });
    }
    if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'the file is not valid JSON' };
    }
    if (!isFileShape(data)) return { ok: false, reason: 'the file is not a tokenwise session file' };
    if (data.version > FORMAT_VERSION) {
      throw new StoreError(
        `The session file ${this.path} was written by a newer tokenwise (format ${data.version}); upgrade to read it`,
      );
    }
    return { ok: true, entries: { ...data.entries } };
  }

  /**
   * `target` names the lock (proper-lockfile keeps one lock per target path
   * in a process); the lock itself is the directory `<target>.lock`.
   */
  async #withFileLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
    const lockPath = `${target}.lock`;
    await this.#ensureDir();
    const deadline = Date.now() + this.#lockWaitMs;
    let release: (() => Promise<void>) | undefined;
    let compromised: Error | undefined;
    while (!release) {
      try {
        release = await lockfile.lock(target, {
          lockfilePath: lockPath,
          realpath: false,
          stale: this.#lockStaleMs,
          retries: 0,
          onCompromised: (error) => {
            compromised = error;
          },
        });
      } catch (error) {
        if (!isErrno(error, 'ELOCKED')) {
          throw new StoreError(`Could not lock ${lockPath}: ${describe(error)}`, { cause: error });
        }
        if (Date.now() >= deadline) {
          throw new StoreError(
            `Timed out after ${this.#lockWaitMs} ms waiting for the lock ${lockPath} held by another process`,
          );
        }
        await sleep(20 + Math.random() * 80);
      }
    }
    try {
      return await fn();
    } finally {
      if (!compromised) {
        await release().catch(() => undefined);
      }
    }
  }

  #ensureDir(): Promise<void> {
    this.#dirReady ??= mkdir(dirname(this.path), { recursive: true, mode: 0o700 })
      .then(() => undefined)
      .catch((error: unknown) => {
        this.#dirReady = undefined;
        throw new StoreError(`Could not create the folder of ${this.path}: ${describe(error)}`, {
          cause: error,
        });
      });
    return this.#dirReady;
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

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error)
    return String((error as { code: unknown }).code);
  return error instanceof Error ? error.message : String(error);
}
