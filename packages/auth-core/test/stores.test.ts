import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/store/file-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { describeStoreConformance } from '../src/testing/index.js';

describeStoreConformance('MemoryStore', () => new MemoryStore());

const dirs = new Map<FileStore, string>();
describeStoreConformance(
  'FileStore',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenwise-store-'));
    const store = new FileStore({ path: join(dir, 'nested', 'sessions.json') });
    dirs.set(store, dir);
    return store;
  },
  async (store) => {
    const dir = dirs.get(store as FileStore);
    if (dir) await rm(dir, { recursive: true, force: true });
  },
);
