// The demo's "second process": a separate Node process sharing the same FileStore.
import { FileStore } from '@tokenwise/auth-core';
import { ReferenceClient } from '@tokenwise/auth-core/testing';

const client = new ReferenceClient({
  baseUrl: process.env.REFERENCE_URL,
  username: 'demo@example.com',
  password: 'demo-password',
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await client.items();
process.stdout.write(`${JSON.stringify(client.manager.stats)}\n`);
