import { fileURLToPath } from 'node:url';
import { VeSync } from '@tokenwise/vesync';
import { VeSyncCloud } from '@tokenwise/vesync/mock';
import type { VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

/** VeSync: a ~30-day token and no refresh endpoint: renewal is the two-step login. */
export const vesyncDemo: VendorDemo = {
  vendor: 'vesync',
  expireMs: 31 * 86_400_000,
  renewsBy: 'login',
  loginBecause: 'VeSync has no refresh endpoint',
  startCloud: async (clock) => {
    const cloud = new VeSyncCloud({ clock });
    return serveCloud({ handler: cloud.handler, counts: cloud.counts });
  },
  async client({ cloud, store, clock }) {
    const client = new VeSync({
      username: 'demo@example.com',
      password: 'demo-password',
      baseUrl: { US: `${cloud.url}/us`, EU: `${cloud.url}/eu` },
      store,
      clock,
    });
    if (!(await client.login())) throw new Error(`VeSync login refused: ${client.lastError?.message}`);
    return { call: () => client.getDevices(), close: () => client.close() };
  },
  childScript: fileURLToPath(new URL('../children/vesync.mjs', import.meta.url)),
};
