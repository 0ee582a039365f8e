import { FileStore, NavienApiClient, NavienAuthClient } from '@tokenwise/navien';
import { DEMO_ACCOUNTS } from '@tokenwise/navien/mock';

const email = 'demo@example.com';
const auth = await NavienAuthClient.create(email, DEMO_ACCOUNTS[email].password, {
  baseUrl: process.env.DEMO_CLOUD_URL,
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await new NavienApiClient(auth).listDevices();
await auth.close();
