import { fileURLToPath } from 'node:url';
import { EvohomeClient } from '@tokenwise/evohome';
import { EvohomeCloud } from '@tokenwise/evohome/mock';
import type { VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

/** evohome V1: a 15-minute sliding sessionId, no refresh: renewal is a login. */
export const evohomeDemo: VendorDemo = {
  vendor: 'evohome',
  expireMs: 16 * 60_000,
  renewsBy: 'login',
  loginBecause: 'V1 sessions cannot be refreshed',
  startCloud: (clock) => serveCloud(new EvohomeCloud({ clock })),
  async client({ cloud, store, clock }) {
    const client = new EvohomeClient({
      username: 'demo@example.com',
      password: 'demo-password',
      baseUrl: cloud.url,
      store,
      clock,
    });
    return { call: () => client.temperatures(), close: () => client.close() };
  },
  childScript: fileURLToPath(new URL('../children/evohome.mjs', import.meta.url)),
};
