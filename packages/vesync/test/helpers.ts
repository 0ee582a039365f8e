import { createHash } from 'node:crypto';
import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import { VeSync, type VeSyncDevice, type VeSyncOptions } from '../src/index.js';
import { VeSyncCloud, type VeSyncCloudOptions } from '../src/mock/index.js';

/** The US demo account of the mock. */
export const DEMO = { username: 'demo@example.com', password: 'demo-password' } as const;

/** The first device of model `type` in a device list (the mock accounts have one of each). */
export function byType(devices: VeSyncDevice[], type: string): VeSyncDevice {
  const device = devices.find((d) => d.deviceType === type);
  if (device === undefined) throw new Error(`no ${type} in the device list`);
  return device;
}

/** A mock cloud on a fake clock, and a factory of clients bound to it in-process. */
export function setupCloud(options: VeSyncCloudOptions = {}) {
  const clock = new FakeClock();
  const cloud = new VeSyncCloud({ clock, ...options });
  const fetch = handlerFetch(cloud.handler);
  const clients: VeSync[] = [];
  const client = (opts: Partial<VeSyncOptions> = {}) => {
    const c = new VeSync({ ...DEMO, fetch, clock, ...opts });
    clients.push(c);
    return c;
  };
  const closeAll = async () => {
    for (const c of clients.splice(0)) await c.close();
  };
  return { clock, cloud, fetch, client, closeAll };
}

/** What VeSync receives instead of the password: it is just as secret. */
export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
