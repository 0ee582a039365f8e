import { fileURLToPath } from 'node:url';
import { Evrim } from '@tokenwise/evrim';
import { EvrimCloud } from '@tokenwise/evrim/mock';
import type { VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

/** Evrim: 5-minute JWT access tokens renewed with a 1-day refresh token. */
export const evrimDemo: VendorDemo = {
  vendor: 'evrim',
  expireMs: 6 * 60_000,
  renewsBy: 'refresh',
  startCloud: (clock) => serveCloud(new EvrimCloud({ clock }), '/prod'),
  async client({ cloud, store, clock }) {
    const client = await Evrim.create({
      baseUrl: cloud.url,
      username: 'demo',
      password: 'demo-password',
      store,
      clock,
    });
    return { call: () => client.tasks(), close: () => client.close() };
  },
  childScript: fileURLToPath(new URL('../children/evrim.mjs', import.meta.url)),
};
