import { fileURLToPath } from 'node:url';
import { NavienApiClient, NavienAuthClient, type NavienTouPlanInput } from '@tokenwise/navien';
import { DEMO_ACCOUNTS, DEMO_DEVICE, NavienCloud } from '@tokenwise/navien/mock';
import type { DemoWrite, VendorDemo } from '../vendor-demo.js';
import { serveCloud } from './serve-cloud.js';

const email = 'demo@example.com';
const password = DEMO_ACCOUNTS[email]?.password ?? '';

/** A flat overnight plan: one season, every day, 00:00–06:59 at 0.31794 $/kWh. */
const OVERNIGHT_PLAN: NavienTouPlanInput = {
  name: 'Demo overnight rate',
  utility: 'Pacific Gas & Electric Co',
  zipCode: '94903',
  schedule: [
    {
      season: 0xfff,
      interval: [
        {
          week: 0xfe,
          startHour: 0,
          startMinute: 0,
          endHour: 6,
          endMinute: 59,
          priceMin: 31_794,
          priceMax: 31_794,
          decimalPoint: 5,
        },
      ],
    },
  ],
};

/**
 * Navien: one-hour JWTs and AWS credentials. A refresh renews the JWTs but not
 * the AWS credentials, so with both expiring together the renewal is a sign-in.
 */
export const navienDemo: VendorDemo = {
  vendor: 'navien',
  expireMs: 61 * 60_000,
  renewsBy: 'login',
  loginBecause: 'only a sign-in returns new AWS credentials',
  startCloud: (clock) => serveCloud(new NavienCloud({ clock }), '/api/v2.1'),
  async client({ cloud, store, clock }) {
    const auth = await NavienAuthClient.create(email, password, { baseUrl: cloud.url, store, clock });
    const api = new NavienApiClient(auth);
    // Apply a time-of-use plan to the heater, then read the device's plan back.
    const write = async (): Promise<DemoWrite> => {
      const [heater] = await api.listDevices();
      if (!heater) throw new Error('the demo account has no water heater');
      const controllerId = DEMO_DEVICE.controllerId ?? '';
      await api.updateTou(heater.deviceInfo, { touInfo: OVERNIGHT_PLAN });
      const { touInfo } = await api.getTouInfo({ ...heater.deviceInfo, controllerId });
      const window = touInfo.schedule[0]?.interval[0];
      return {
        change: `${heater.deviceInfo.deviceName} time-of-use plan → '${OVERNIGHT_PLAN.name}'`,
        readBack: `'${touInfo.name}', ${touInfo.schedule.length} season(s), first window ${window?.startHour}:00–${window?.endHour}:${window?.endMinute}`,
        ok: touInfo.name === OVERNIGHT_PLAN.name && touInfo.schedule.length === 1 && window?.endHour === 6,
      };
    };
    return { call: () => api.listDevices(), write, close: () => auth.close() };
  },
  childScript: fileURLToPath(new URL('../children/navien.mjs', import.meta.url)),
};
