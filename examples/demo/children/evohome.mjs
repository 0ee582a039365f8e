import { EvohomeClient, FileStore } from '@tokenwise/evohome';

const client = new EvohomeClient({
  username: 'demo@example.com',
  password: 'demo-password',
  baseUrl: process.env.DEMO_CLOUD_URL,
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await client.temperatures();
await client.close();
