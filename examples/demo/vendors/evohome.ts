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
    return {
      call: () => client.temperatures(),
      // One V1 write the Python clients make: hold the Kitchen at 21.5 °C, wait for the
      // controller's task to succeed, then read it back from the alldata payload.
      async write() {
        const kitchen = (await client.temperatures()).find((reading) => reading.name === 'Kitchen');
        if (kitchen === undefined) throw new Error('the demo account has no Kitchen zone');
        const task = await client.setZoneSetpoint(kitchen.id, 21.5);
        await client.waitForTask(task, { intervalMs: 50 });
        const after = (await client.temperatures()).find((reading) => reading.id === kitchen.id);
        return {
          change: `zone 'Kitchen' setpoint → 21.5 °C (hold), task ${task}`,
          readBack: `Kitchen setpoint ${after?.setpoint ?? '?'} °C, status ${after?.status ?? '?'}`,
          ok: after?.setpoint === 21.5 && after.status === 'Hold',
        };
      },
      close: () => client.close(),
    };
  },
  childScript: fileURLToPath(new URL('../children/evohome.mjs', import.meta.url)),
};
