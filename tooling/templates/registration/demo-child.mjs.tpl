import { __Vendor__Client, FileStore } from '@tokenwise/__vendor__';

const client = await __Vendor__Client.create({
  baseUrl: process.env.DEMO_CLOUD_URL,
  username: 'demo@example.com',
  password: 'demo-password',
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await client.items();
await client.close();
