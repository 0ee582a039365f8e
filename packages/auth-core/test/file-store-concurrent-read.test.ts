import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../src/store/file-store.js';

describe('FileStore read while another instance rewrites the file', () => {
  it('get() never fails because a writer atomically replaced the file meanwhile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenwise-concurrent-read-'));
    try {
      const path = join(dir, 'sessions.json');
      const writer = new FileStore({ path });
      const reader = new FileStore({ path });
      await writer.set('k', { n: 0 });
      let writing = true;
      const writes = (async () => {
        for (let n = 1; n <= 60; n++) await writer.set('k', { n });
        writing = false;
      })();
      const failures: string[] = [];
      let reads = 0;
      while (writing) {
        reads++;
        await reader.get('k').catch((error: unknown) => failures.push((error as Error).message));
      }
      await writes;
      expect(reads).toBeGreaterThan(0);
      expect(failures.map((message) => message.replace(dir, '<dir>'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
