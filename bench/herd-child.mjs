// One process of the herd benchmark: 50 concurrent calls through a FileStore shared by all.
import { FileStore } from '@tokenwise/auth-core';
import { ReferenceClient } from '@tokenwise/auth-core/testing';

/** The naive baseline: the same file, but no lock around renewal. */
class UnlockedFileStore extends FileStore {
  withLock(_key, fn) {
    return fn();
  }
}

const Store = process.env.HERD_MODE === 'naive' ? UnlockedFileStore : FileStore;
const client = new ReferenceClient({
  baseUrl: process.env.REFERENCE_URL,
  username: 'demo@example.com',
  password: 'demo-password',
  store: new Store({ path: process.env.TOKENWISE_STORE_PATH }),
});
const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.items()));
const failed = results.filter((r) => r.status === 'rejected').length;
process.stdout.write(`${JSON.stringify({ ...client.manager.stats, failed })}\n`);
