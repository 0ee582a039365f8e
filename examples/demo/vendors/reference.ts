import { fileURLToPath } from 'node:url';
import { ReferenceClient, ReferenceCloud } from '@tokenwise/auth-core/reference';
import type { VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

/** The core alone, on the reference password + refresh-token cloud. */
export const referenceDemo: VendorDemo = {
  vendor: 'reference',
  expireMs: 3_600_000 + 1_000,
  renewsBy: 'refresh',
  startCloud: (clock) => serveCloud(new ReferenceCloud({ clock })),
  async client({ cloud, store, clock }) {
    const client = new ReferenceClient({
      baseUrl: cloud.url,
      username: 'demo@example.com',
      password: 'demo-password',
      store,
      clock,
    });
    return { call: () => client.items(), close: () => client.close() };
  },
  childScript: fileURLToPath(new URL('../children/reference.mjs', import.meta.url)),
};
