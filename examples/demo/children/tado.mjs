import { FileStore, TadoClient } from '@tokenwise/tado';

const client = await TadoClient.create({
  baseUrl: process.env.DEMO_CLOUD_URL,
  username: 'demo@example.com',
  password: 'demo-password',
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await client.items();
await client.close();
