import { FileStore, VeSync } from '@tokenwise/vesync';

const url = process.env.DEMO_CLOUD_URL;
const client = new VeSync({
  username: 'demo@example.com',
  password: 'demo-password',
  baseUrl: { US: `${url}/us`, EU: `${url}/eu` },
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
if (!(await client.login())) throw new Error('login refused');
await client.getDevices();
await client.close();
