import { Evrim, FileStore } from '@tokenwise/evrim';

const client = await Evrim.create({
  baseUrl: process.env.DEMO_CLOUD_URL,
  username: 'demo',
  password: 'demo-password',
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await client.tasks();
await client.close();
