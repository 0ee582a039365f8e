// One process of the herd benchmark: 50 concurrent calls through a FileStore shared by all.
import { FileStore, MemoryStore } from '@tokenwise/auth-core';
import { ReferenceClient } from '@tokenwise/auth-core/reference';

/** The naive baseline: the same file, but no lock around renewal. */
class UnlockedFileStore extends FileStore {
  withLock(_key, fn) {
    return fn();
  }
}

const mode = process.env.HERD_MODE;
const path = process.env.TOKENWISE_STORE_PATH;
// "isolated": what a script without tokenwise's store does — every process logs in on its own.
const store =
  mode === 'isolated'
    ? new MemoryStore()
    : mode === 'naive'
      ? new UnlockedFileStore({ path })
      : new FileStore({ path });
const client = new ReferenceClient({
  baseUrl: process.env.REFERENCE_URL,
  username: 'demo@example.com',
  password: 'demo-password',
  store,
});
const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.items()));
const failed = results.filter((r) => r.status === 'rejected').length;
process.stdout.write(`${JSON.stringify({ ...client.manager.stats, failed })}\n`);
