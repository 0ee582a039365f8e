import { FileStore } from '@tokenwise/auth-core';
import { ReferenceClient } from '@tokenwise/auth-core/reference';

const client = new ReferenceClient({
  baseUrl: process.env.DEMO_CLOUD_URL,
  username: 'demo@example.com',
  password: 'demo-password',
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await client.items();
await client.close();
