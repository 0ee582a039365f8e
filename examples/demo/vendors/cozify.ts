import { fileURLToPath } from 'node:url';
import { Cozify } from '@tokenwise/cozify';
import { CozifyCloud } from '@tokenwise/cozify/mock';
import type { DemoWrite, VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

const email = 'demo@example.com';

/**
 * Cozify: an e-mailed one-time code buys a 28-day cloud token, refreshed once
 * its last renewal is older than a day (the mock's outbox stands in for e-mail).
 */
export const cozifyDemo: VendorDemo = {
  vendor: 'cozify',
  expireMs: 2 * 86_400_000,
  renewsBy: 'refresh',
  startCloud: async (clock) => {
    // Not behind the hubs' NAT: hub calls go through the cloud relay, nothing probes a LAN port.
    const cloud = new CozifyCloud({ clock, sameNat: false });
    outboxes.set(clock, cloud);
    return serveCloud(cloud, '/ui/0.2');
  },
  async client({ cloud, store, clock }) {
    const mock = outboxes.get(clock);
    const client = new Cozify({
      email,
      baseUrl: cloud.url,
      store,
      clock,
      otp: async () => mock?.lastOtp(email) ?? '',
    });
    await client.authenticate();
    // Switch the sofa lamp on and read the hub's device state back.
    const write = async (): Promise<DemoWrite> => {
      const hub = await client.hub();
      const before = await hub.device('light-sofa');
      await hub.deviceOn('light-sofa');
      const after = await hub.device('light-sofa');
      return {
        change: `'${before?.name}' (was ${before?.state.isOn ? 'on' : 'off'}) → on`,
        readBack: `isOn ${after?.state.isOn}, brightness ${after?.state.brightness}, via ${hub.route}`,
        ok: after?.state.isOn === true,
      };
    };
    return { call: () => client.cloudHubs(), write, close: () => client.close() };
  },
  childScript: fileURLToPath(new URL('../children/cozify.mjs', import.meta.url)),
};

/** The cloud behind each demo clock, so the OTP provider can read the mock's outbox. */
const outboxes = new WeakMap<object, CozifyCloud>();
