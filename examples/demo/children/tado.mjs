// A second process with no person at hand: it can only use (or refresh) the stored session.
import { FileStore, Tado } from '@tokenwise/tado';

const client = new Tado({
  baseUrl: process.env.DEMO_CLOUD_URL,
  store: new FileStore({ path: process.env.TOKENWISE_STORE_PATH }),
});
await client.me();
await client.close();
