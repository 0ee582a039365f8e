import { fileURLToPath } from 'node:url';
import { Tado } from '@tokenwise/tado';
import { TadoCloud } from '@tokenwise/tado/mock';
import type { VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

/** tado°: a device login (approved at once by the demo's "browser"), 10-minute tokens, single-use refresh. */
export const tadoDemo: VendorDemo = {
  vendor: 'tado',
  expireMs: 11 * 60_000,
  renewsBy: 'refresh',
  startCloud: (clock) => serveCloud(new TadoCloud({ clock, interval: 0, autoApprove: true })),
  async client({ cloud, store, clock }) {
    const client = new Tado({
      baseUrl: cloud.url,
      store,
      clock,
      // The demo's simulated browser approves every code; a real program shows the link.
      onDeviceCode: () => undefined,
    });
    return { call: () => client.me(), close: () => client.close() };
  },
  childScript: fileURLToPath(new URL('../children/tado.mjs', import.meta.url)),
};
