import { Cozify, FileStore } from '@tokenwise/cozify';

const client = new Cozify({
  email: 'demo@example.com',
  baseUrl: process.env.DEMO_CLOUD_URL,
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
  otp: async () => {
    throw new Error('the second process must not need a new one-time code');
  },
});
await client.authenticate();
await client.cloudHubs();
await client.close();
