import { afterEach, describe, expect, it } from 'vitest';
import {
  DeviceOfflineError,
  ErrorCodes,
  isTokenwiseError,
  UnsupportedMethodError,
  VeSyncDeviceError,
} from '../src/index.js';
import { byType, setupCloud } from './helpers.js';

describe('device control against the simulator (in-process)', () => {
  let env = setupCloud();
  afterEach(async () => {
    await env.closeAll();
    env = setupCloud();
  });

  it('switches a purifier and sets every setting; each write shows in the next read and in the device list', async () => {
    const vesync = env.client();
    const devices = await vesync.getDevices();
    const purifier = vesync.purifier(byType(devices, 'Core300S'));
    const before = await purifier.status();
    expect(before).toMatchObject({ on: true, mode: 'manual', fanLevel: 1, childLock: false, display: true });

    await purifier.setPower(false);
    expect((await purifier.status()).on).toBe(false);
    expect(byType(await vesync.getDevices(), 'Core300S').deviceStatus).toBe('off');

    await purifier.setPower(true);
    await purifier.setFanLevel(3);
    await purifier.setChildLock(true);
    await purifier.setDisplay(false);
    expect(await purifier.status()).toMatchObject({
      on: true,
      mode: 'manual',
      fanLevel: 3,
      childLock: true,
      display: false,
    });
    await purifier.setMode('sleep');
    expect((await purifier.status()).mode).toBe('sleep');
    await purifier.setMode('manual');
    expect(await purifier.status()).toMatchObject({ mode: 'manual', fanLevel: 1 });
    expect(byType(await vesync.getDevices(), 'Core300S').deviceStatus).toBe('on');
  });

  it('drives a humidifier: power, mist level, mode, target humidity', async () => {
    const vesync = env.client();
    const humidifier = vesync.humidifier(byType(await vesync.getDevices(), 'LUH-A602S-WUS'));
    expect((await humidifier.status()).on).toBe(false);
    await humidifier.setPower(true);
    await humidifier.setMistLevel(7);
    await humidifier.setMode('auto');
    await humidifier.setTargetHumidity(55);
    const status = await humidifier.status();
    expect(status).toMatchObject({ on: true, mistLevel: 7, mode: 'auto', targetHumidity: 55 });
    expect(status.raw).toHaveProperty('warm_mist_level');
  });

  it("switches a 15A outlet through the V1 calls and reads today's energy", async () => {
    const vesync = env.client();
    const entry = byType(await vesync.getDevices(), 'ESW15-USA');
    const outlet = vesync.outlet(entry);
    expect((await outlet.status()).on).toBe(true);
    await outlet.setPower(false);
    const off = await outlet.status();
    expect(off).toMatchObject({ on: false, power: 0 });
    expect(await outlet.energyToday()).toBe(0.42);
    expect((await vesync.deviceDetail(entry)).deviceStatus).toBe('off');
    await outlet.setPower(true);
    expect((await vesync.deviceDetail(entry)).deviceStatus).toBe('on');
  });

  it('bypassV2() sends any payload and returns the inner result readable, typed by a schema when given', async () => {
    const { z } = await import('zod');
    const vesync = env.client();
    const device = byType(await vesync.getDevices(), 'Core300S');
    const raw = await vesync.bypassV2(device, { method: 'getPurifierStatus' });
    expect(raw).toMatchObject({ enabled: true, level: 1 });
    const typed = await vesync.bypassV2(
      device,
      { method: 'getPurifierStatus', data: {} },
      { result: z.looseObject({ filter_life: z.number() }) },
    );
    expect(typed.filter_life).toBe(80);
    await vesync.bypassV2(device, { method: 'setSwitch', data: { enabled: false, id: 0 } });
    expect((await vesync.purifier(device).status()).on).toBe(false);
  });

  it("maps the device's own result codes to typed errors, all inside HTTP 200", async () => {
    const vesync = env.client();
    const devices = await vesync.getDevices();
    const device = byType(devices, 'Core300S');

    const unknown = await vesync
      .bypassV2(device, { method: 'setNightLight', data: { night_light: 'on' } })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnsupportedMethodError);
    expect(unknown).toMatchObject({
      reason: 'unsupported',
      vendorCode: 11000000,
      status: 200,
      cid: device.cid,
    });
    expect(isTokenwiseError(unknown, ErrorCodes.ApiError)).toBe(true);
    expect(vesync.lastError).toBe(unknown);

    // The outlet takes no bypassV2 methods at all.
    const outlet = byType(devices, 'ESW15-USA');
    await expect(vesync.bypassV2(outlet, { method: 'getPurifierStatus' })).rejects.toBeInstanceOf(
      UnsupportedMethodError,
    );

    env.cloud.setDeviceOnline(String(device.cid), false);
    expect(byType(await vesync.getDevices(), 'Core300S').connectionStatus).toBe('offline');
    const offline = await vesync
      .purifier(device)
      .setPower(true)
      .catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(DeviceOfflineError);
    expect(offline).toBeInstanceOf(VeSyncDeviceError);
    expect(offline).toMatchObject({ reason: 'offline', vendorCode: -11300030, status: 200 });
    await expect(vesync.deviceDetail(device)).rejects.toBeInstanceOf(DeviceOfflineError);
    env.cloud.setDeviceOnline(String(device.cid), true);
    expect((await vesync.purifier(device).status()).on).toBe(true);
  });

  it('refuses bad arguments with a ConfigurationError before any request', async () => {
    const vesync = env.client();
    const devices = await vesync.getDevices();
    const requests = env.cloud.counts.requests;
    const purifier = vesync.purifier(byType(devices, 'Core300S'));
    const humidifier = vesync.humidifier(byType(devices, 'LUH-A602S-WUS'));
    const cases: Array<[() => Promise<unknown>, string]> = [
      [
        () => purifier.setFanLevel(4),
        'purifier.setFanLevel() `level` must be one of 1, 2, 3 on a Core300S (got 4)',
      ],
      [() => purifier.setFanLevel(1.5), '`level` must be one of 1, 2, 3'],
      [
        () => purifier.setMode('turbo' as never),
        "purifier.setMode() `mode` must be one of manual, auto, sleep on a Core300S (got 'turbo')",
      ],
      [() => purifier.setPower('on' as never), 'purifier.setPower() `on` must be true or false'],
      [() => purifier.setChildLock(1 as never), 'purifier.setChildLock() `on` must be true or false'],
      [() => purifier.setDisplay(undefined as never), 'purifier.setDisplay() `on` must be true or false'],
      [
        () => humidifier.setMistLevel(10),
        'humidifier.setMistLevel() `level` must be one of 1, 2, 3, 4, 5, 6, 7, 8, 9',
      ],
      [
        () => humidifier.setMode('humidity' as never),
        'humidifier.setMode() `mode` must be one of manual, auto, sleep',
      ],
      [
        () => humidifier.setTargetHumidity(85),
        'humidifier.setTargetHumidity() `percent` must be a whole number from 30 to 80',
      ],
      [() => purifier.status({ signal: 'x' } as never), 'purifier.status() option `signal`'],
      [
        () => vesync.bypassV2(byType(devices, 'Core300S'), { method: '' }),
        'bypassV2() payload `method` must be a non-empty string',
      ],
      [
        () => vesync.bypassV2(byType(devices, 'Core300S'), { method: 'x', data: [] as never }),
        '`data` must be a plain object',
      ],
      [
        () => vesync.bypassV2({ deviceType: 'Core300S' }, { method: 'x' }),
        'bypassV2(): device `cid` must be a non-empty string',
      ],
      [() => vesync.deviceDetail(null as never), 'deviceDetail() needs a device'],
    ];
    for (const [call, message] of cases) {
      const error = await call().catch((e: unknown) => e);
      expect(isTokenwiseError(error, ErrorCodes.ConfigurationError), message).toBe(true);
      expect((error as Error).message).toContain(message);
    }
    expect(() => vesync.purifier(byType(devices, 'ESW15-USA'))).toThrow(
      'purifier() does not drive a ESW15-USA',
    );
    expect(() => vesync.outlet(byType(devices, 'Core300S'))).toThrow('outlet() does not drive a Core300S');
    expect(() => vesync.outlet({ cid: 'c', deviceType: 'ESW15-USA' })).toThrow('device `uuid`');
    expect(env.cloud.counts.requests).toBe(requests);
  });

  it('a token rejected during a device call costs one login, and the command is replayed with the new token', async () => {
    const vesync = env.client();
    const device = byType(await vesync.getDevices(), 'Core300S');
    const old = (await vesync.manager.get()).token;
    env.cloud.revokeAccessTokens();
    await vesync.purifier(device).setDisplay(false);
    expect(env.cloud.counts.logins).toBe(2);
    const last = env.cloud.requestLog.at(-1);
    expect(last).toMatchObject({ path: 'cloud/v2/deviceManaged/bypassV2', code: 0 });
    expect(last?.token).not.toBe(old);
    expect((await vesync.purifier(device).status()).display).toBe(false);
  });

  it("device calls count against the account's daily quota like every data call", async () => {
    env = setupCloud({ dailyRequestQuota: () => 2 });
    const vesync = env.client();
    const device = byType(await vesync.getDevices(), 'Core300S');
    await vesync.purifier(device).status();
    const error = await vesync
      .purifier(device)
      .status()
      .catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
  });

  it('device calls after close() throw ClientClosedError', async () => {
    const vesync = env.client();
    const device = byType(await vesync.getDevices(), 'Core300S');
    const purifier = vesync.purifier(device);
    await vesync.close();
    await expect(purifier.status()).rejects.toThrow('This VeSync client is closed');
    expect(() => vesync.purifier(device)).toThrow('This VeSync client is closed');
  });
});
