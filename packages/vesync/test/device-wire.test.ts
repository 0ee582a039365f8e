import { startLoopbackServer } from '@tokenwise/auth-core/mock';
import { FakeClock } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, DeviceOfflineError, UnsupportedMethodError, VeSync } from '../src/index.js';
import { VeSyncCloud } from '../src/mock/index.js';
import { byType, DEMO } from './helpers.js';

/** One write-then-read round per device class, and the result-code mapping, over whatever transport `vesync` uses. */
async function roundTrip(vesync: VeSync, cloud: VeSyncCloud) {
  const devices = await vesync.getDevices();
  const purifier = vesync.purifier(byType(devices, 'Core300S'));
  await purifier.setFanLevel(2);
  await purifier.setChildLock(true);
  expect(await purifier.status()).toMatchObject({ fanLevel: 2, childLock: true, mode: 'manual' });

  const humidifier = vesync.humidifier(byType(devices, 'LUH-A602S-WUS'));
  await humidifier.setPower(true);
  await humidifier.setTargetHumidity(45);
  expect(await humidifier.status()).toMatchObject({ on: true, targetHumidity: 45 });

  const outletEntry = byType(devices, 'ESW15-USA');
  await vesync.outlet(outletEntry).setPower(false);
  expect((await vesync.deviceDetail(outletEntry)).deviceStatus).toBe('off');
  expect(byType(await vesync.getDevices(), 'ESW15-USA').deviceStatus).toBe('off');

  await expect(
    vesync.bypassV2(byType(devices, 'Core300S'), { method: 'setTurboBoost', data: { on: true } }),
  ).rejects.toBeInstanceOf(UnsupportedMethodError);
  cloud.setDeviceOnline(String(outletEntry.cid), false);
  await expect(vesync.outlet(outletEntry).status()).rejects.toBeInstanceOf(DeviceOfflineError);
  cloud.setDeviceOnline(String(outletEntry.cid), true);

  // Unknown paths and non-POST calls answer "method not found" inside HTTP 200, as VeSync does.
  for (const init of [{ json: {} }, { method: 'GET' }]) {
    const response = await vesync.request('cloud/v1/deviceManaged/noSuchCall', init);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: -11004000, msg: 'method not found' });
  }
}

describe('device calls over MSW (global fetch, the real hosts)', () => {
  const clock = new FakeClock();
  const cloud = new VeSyncCloud({ clock });
  const server = setupServer(
    ...mswHandlers(DEFAULT_BASE_URL.US, cloud.handler),
    ...mswHandlers(DEFAULT_BASE_URL.EU, cloud.handler),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('writes, reads back and maps the device result codes', async () => {
    await using vesync = new VeSync({ ...DEMO, clock });
    await roundTrip(vesync, cloud);
  });

  it('an EU account drives its devices on the EU host', async () => {
    await using vesync = new VeSync({
      username: 'eu-demo@example.com',
      password: 'eu-demo-password',
      countryCode: 'FR',
      clock,
    });
    const devices = await vesync.getDevices();
    const purifier = vesync.purifier(byType(devices, 'Core300S'));
    await purifier.setMode('auto');
    expect((await purifier.status()).mode).toBe('auto');
    expect(cloud.requestLog.at(-1)).toMatchObject({
      path: 'cloud/v2/deviceManaged/bypassV2',
      region: 'EU',
      code: 0,
    });
  });
});

describe('device calls over the loopback server (real sockets on 127.0.0.1)', () => {
  it('writes, reads back and maps the device result codes', async () => {
    const cloud = new VeSyncCloud();
    await using server = await startLoopbackServer(cloud.handler);
    await using vesync = new VeSync({ ...DEMO, baseUrl: { US: `${server.url}/us`, EU: `${server.url}/eu` } });
    await roundTrip(vesync, cloud);
  });
});
