import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../src/errors.js';
import { SessionManager } from '../src/session-manager.js';
import { FileStore } from '../src/store/file-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { createReferenceStrategy } from '../src/testing/index.js';

const strategy = createReferenceStrategy({ baseUrl: 'https://ref.test', username: 'a', password: 'p' });
const configError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toMatchObject({ code: ErrorCodes.ConfigurationError });
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
};

describe('bad options are ConfigurationErrors that name the option', () => {
  it('SessionManager', () => {
    expect(configError(() => new SessionManager({ strategy: {} as never }))).toContain('login()');
    expect(
      configError(() => new SessionManager({ strategy, store: { get: () => undefined } as never })),
    ).toContain('`store` must have set(), delete(), withLock()');
    expect(configError(() => new SessionManager({ strategy, refreshMarginMs: -1 }))).toContain(
      'refreshMarginMs',
    );
    expect(configError(() => new SessionManager({ strategy, renewTimeoutMs: Number.NaN }))).toContain(
      'renewTimeoutMs',
    );
    expect(configError(() => new SessionManager({ strategy, clock: { now: 5 } as never }))).toContain(
      'clock',
    );
  });

  it('SessionManager refuses options that are not an object, unknown keys and a zero renewal deadline', () => {
    expect(configError(() => new SessionManager(null as never))).toContain(
      'SessionManager options must be an object, got null',
    );
    expect(configError(() => new SessionManager('strategy' as never))).toContain('got a string');
    expect(configError(() => new SessionManager({ strategy, refreshMargin: 5_000 } as never))).toContain(
      'SessionManager option `refreshMargin` is not a known option (did you mean `refreshMarginMs`?)',
    );
    expect(configError(() => new SessionManager({ strategy, renewTimeoutMs: 0 }))).toContain(
      'SessionManager option `renewTimeoutMs` must be a number of milliseconds > 0',
    );
    expect(() => new SessionManager({ strategy, refreshMarginMs: 0, maxBackOffMs: 0 })).not.toThrow();
  });

  it('MemoryStore takes no options', () => {
    expect(configError(() => new MemoryStore({ path: '/tmp/x' } as never))).toBe(
      'MemoryStore takes no options, got `path`',
    );
    expect(configError(() => new MemoryStore('x' as never))).toContain(
      'MemoryStore options must be an object',
    );
    expect(() => new MemoryStore({})).not.toThrow();
  });

  it('FileStore', () => {
    expect(configError(() => new FileStore({ path: '' }))).toContain('`path`');
    expect(configError(() => new FileStore({ path: 42 as never }))).toContain('`path`');
    expect(configError(() => new FileStore({ lockWaitMs: -5 }))).toContain('lockWaitMs');
  });

  it('stores refuse values that are not JSON with a StoreError, keeping what they held', async () => {
    const store = new MemoryStore();
    await store.set('k:1', { kept: true });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(store.set('k:1', circular)).rejects.toMatchObject({ code: ErrorCodes.StoreError });
    await expect(store.set('k:1', 10n)).rejects.toMatchObject({ code: ErrorCodes.StoreError });
    expect(await store.get('k:1')).toEqual({ kept: true });
  });
});
