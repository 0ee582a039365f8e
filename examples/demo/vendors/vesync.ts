import { fileURLToPath } from 'node:url';
import { PURIFIER_MODELS, VeSync } from '@tokenwise/vesync';
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
    return {
      call: () => client.getDevices(),
      // Switch the first air purifier the other way, then read its state back from the cloud.
      async write() {
        const entry = (await client.getDevices()).find((d) => PURIFIER_MODELS[d.deviceType] !== undefined);
        if (entry === undefined) throw new Error('the VeSync demo account has no air purifier');
        const purifier = client.purifier(entry);
        const on = !(await purifier.status()).on;
        await purifier.setPower(on);
        const after = await purifier.status();
        return {
          change: `purifier '${entry.deviceName ?? entry.cid}' power → ${on ? 'on' : 'off'}`,
          readBack: `power ${after.on ? 'on' : 'off'}, mode ${after.mode}, fan level ${after.fanLevel}`,
          ok: after.on === on,
        };
      },
      close: () => client.close(),
    };
  },
  childScript: fileURLToPath(new URL('../children/vesync.mjs', import.meta.url)),
};
