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
    return {
      call: () => client.me(),
      async write() {
        // A manual setpoint over the schedule until the next time block, as the tado° app sets one.
        const home = (await client.me()).homes[0];
        const zone = home === undefined ? undefined : (await client.zones(home.id))[0];
        if (home === undefined || zone === undefined) throw new Error('the tado demo home has no zone');
        await client.setZoneOverlay(home.id, zone.id, {
          setting: { type: 'HEATING', power: 'ON', temperature: { celsius: 21.5 } },
          termination: { typeSkillBasedApp: 'NEXT_TIME_BLOCK' },
        });
        const state = await client.zoneState(home.id, zone.id);
        const celsius = state.overlay?.setting.temperature?.celsius;
        return {
          change: `zone '${zone.name}' overlay → 21.5 °C until the next time block`,
          readBack: `overlay ${state.overlayType ?? 'none'} at ${celsius ?? '?'} °C`,
          ok: celsius === 21.5,
        };
      },
      close: () => client.close(),
    };
  },
  childScript: fileURLToPath(new URL('../children/tado.mjs', import.meta.url)),
};
