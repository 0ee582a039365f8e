import { readFile } from 'node:fs/promises';
import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  NavienApiClient,
  NavienAuthClient,
  type NavienTouPlanInput,
  NotFoundError,
} from '../src/index.js';
import { DEMO_DEVICE, NavienCloud } from '../src/mock/index.js';
import { EMAIL, mockWorld, PASSWORD } from './helpers/harness.js';

const fixtures = new URL('./fixtures/navien/', import.meta.url);
const recorded = async (name: string) =>
  (JSON.parse(await readFile(new URL(name, fixtures), 'utf8')) as { body: Record<string, unknown> }).body;

const device = { macAddress: DEMO_DEVICE.macAddress, additionalValue: DEMO_DEVICE.additionalValue };
const touDevice = { ...device, controllerId: '00000000BT00000000' };

/** The plan nwp500's own update_tou test applies (one season, one window). */
const EV_PLAN: NavienTouPlanInput = {
  name: 'Electric Vehicle EV (Sch) Rate A',
  utility: 'Pacific Gas & Electric Co',
  zipCode: '94903',
  schedule: [
    {
      season: 3087,
      interval: [
        {
          week: 124,
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

describe('the simulator answers firmware, TOU and push-token calls as recorded', () => {
  let world = mockWorld();
  afterEach(async () => {
    await world.closeAll();
    world = mockWorld();
  });

  it('POST device/firmware/info: the recorded reply, field for field', async () => {
    const auth = world.auth();
    const body = { ...device, userId: EMAIL };
    const response = await auth.request('device/firmware/info', { json: body });
    expect(await response.json()).toEqual(await recorded('device_firmware_info.response.json'));
  });

  it('GET device/tou with the query nwp500 sends: the recorded reply, field for field', async () => {
    const auth = world.auth();
    const response = await auth.request('device/tou', {
      searchParams: { ...touDevice, userId: EMAIL, userType: 'O' },
    });
    expect(await response.json()).toEqual(await recorded('device_tou.response.json'));
  });

  it('POST app/update-push-token: the bare success envelope, and the token is kept', async () => {
    const auth = world.auth();
    const body = {
      userId: EMAIL,
      pushToken: 'push-token-1',
      modelName: 'Python Client',
      appVersion: '1.0.0',
      os: 'Python',
      osVersion: '3.8+',
    };
    const response = await auth.request('app/update-push-token', { json: body });
    expect(await response.json()).toEqual(await recorded('app_update_push_token.response.json'));
    expect(world.cloud.pushRegistration(EMAIL)).toMatchObject({ pushToken: 'push-token-1', os: 'Python' });
  });

  it('a device the account does not have is code 404 inside an HTTP 200, like device/info', async () => {
    const auth = world.auth();
    const response = await auth.request('device/firmware/info', {
      json: { macAddress: 'ffffffffffff', additionalValue: '1', userId: EMAIL },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ code: 404, msg: 'NOT_FOUND', data: null });
  });
});

describe('NavienApiClient: firmware, time of use, push token', () => {
  let world = mockWorld();
  afterEach(async () => {
    await world.closeAll();
    world = mockWorld();
  });

  it('getFirmwareInfo lists the four recorded modules', async () => {
    const api = new NavienApiClient(world.auth());
    const firmwares = await api.getFirmwareInfo(device);
    expect(firmwares.map((f) => f.curSwCode)).toEqual([33_556_241, 268_435_985, 268_435_761, 268_435_777]);
    expect(firmwares[0]).toMatchObject({ deviceType: 52, curVersion: 167_837_696, downloadedVersion: 0 });
    expect(firmwares[1]?.downloadedVersion).toBeNull();
  });

  it('getTouInfo reads the plan; updateTou applies another, and the next read shows it', async () => {
    const api = new NavienApiClient(world.auth());
    const before = await api.getTouInfo(touDevice);
    expect(before.registerPath).toBe('bt');
    expect(before.touInfo.utility).toBe('Pacific Gas & Electric Co');
    expect(before.touInfo.schedule.map((s) => s.season)).toEqual([3615, 480]);
    expect(before.touInfo.schedule[0]?.interval).toHaveLength(6);

    const applied = await api.updateTou(device, { touInfo: EV_PLAN });
    expect(applied).toMatchObject({ sourceType: 'openei', touInfo: { name: EV_PLAN.name, zipCode: 94_903 } });

    const after = await api.getTouInfo(touDevice);
    expect(after).toMatchObject({
      registerPath: 'wifi',
      sourceType: 'openei',
      touInfo: { controllerId: touDevice.controllerId, name: EV_PLAN.name, zipCode: 94_903 },
    });
    expect(after.touInfo.schedule).toEqual(EV_PLAN.schedule);
  });

  it('updateTou sends the body nwp500 sends', async () => {
    const seen: unknown[] = [];
    const cloud = world.cloud;
    const auth = new NavienAuthClient(EMAIL, PASSWORD, {
      baseUrl: 'https://nlus.navien.test/api/v2.1',
      clock: world.clock,
      env: {},
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'PUT') seen.push(await request.clone().json());
        return cloud.handler(request);
      },
    });
    try {
      await new NavienApiClient(auth).updateTou(device, { touInfo: EV_PLAN, sourceData: { label: 'x' } });
      expect(seen).toEqual([
        {
          additionalValue: '5322',
          macAddress: 'aabbccddeeff',
          registerPath: 'wifi',
          sourceData: { label: 'x' },
          sourceType: 'openei',
          touInfo: EV_PLAN,
          userId: EMAIL,
          userType: 'O',
          zipCode: '94903',
        },
      ]);
    } finally {
      await auth.close();
    }
  });

  it('updatePushToken registers the token with the client fields', async () => {
    const api = new NavienApiClient(world.auth());
    await api.updatePushToken({ pushToken: 'fcm-token-abc', modelName: 'Pixel 9', os: 'Android' });
    expect(world.cloud.pushRegistration(EMAIL)).toEqual({
      pushToken: 'fcm-token-abc',
      modelName: 'Pixel 9',
      appVersion: expect.any(String),
      os: 'Android',
      osVersion: process.versions.node,
    });
  });

  it('a rejected access token is renewed once and the GET replayed', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const api = new NavienApiClient(world.auth());
    await api.getTouInfo(touDevice);
    world.cloud.revokeAccessTokens();
    expect((await api.getTouInfo(touDevice)).touInfo.name).toMatch(/E-TOU-C/);
    expect(world.cloud.counts.refreshes).toBe(1);
  });

  it('an unknown device is a NotFoundError; bad input is a ConfigurationError before any call', async () => {
    const api = new NavienApiClient(world.auth());
    const unknown = { macAddress: 'ffffffffffff', additionalValue: '1' };
    await expect(api.getFirmwareInfo(unknown)).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.getTouInfo({ ...unknown, controllerId: 'c' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.updateTou(unknown, { touInfo: EV_PLAN })).rejects.toBeInstanceOf(NotFoundError);
    const before = world.cloud.counts.requests;
    await expect(api.getTouInfo({ ...device, controllerId: '' })).rejects.toThrow(/controllerId/);
    await expect(api.updatePushToken({ pushToken: '' })).rejects.toThrow(ConfigurationError);
    await expect(api.updatePushToken({ pushToken: 't', osVerison: '1' } as never)).rejects.toThrow(
      /did you mean `osVersion`/,
    );
    const badHour = {
      ...EV_PLAN,
      schedule: [{ season: 1, interval: [{ ...EV_PLAN.schedule[0]!.interval[0]!, endHour: 24 }] }],
    };
    await expect(api.updateTou(device, { touInfo: badHour })).rejects.toThrow(
      /touInfo\.schedule\.0\.interval\.0\.endHour/,
    );
    await expect(api.updateTou(device, { touInfo: { ...EV_PLAN, zipCode: undefined } })).rejects.toThrow(
      /zipCode/,
    );
    expect(world.cloud.counts.requests).toBe(before);
  });

  it('the push token never reaches an error message', async () => {
    world = mockWorld();
    const api = new NavienApiClient(world.auth());
    world.cloud.rejectAllRequests();
    const error = await api.updatePushToken({ pushToken: 'secret-push-token-xyz' }).catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain('secret-push-token-xyz');
  });
});

describe('the new calls through MSW and through the loopback server', () => {
  const clock = new FakeClock();
  const cloud = new NavienCloud({ clock });
  const server = setupServer(...mswHandlers('https://nlus.naviensmartcontrol.com', cloud.handler));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('MSW: firmware, TOU write then read, push token', async () => {
    await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, { clock, env: {} });
    const api = new NavienApiClient(auth);
    expect(await api.getFirmwareInfo(device)).toHaveLength(4);
    await api.updateTou(device, { touInfo: EV_PLAN });
    expect((await api.getTouInfo(touDevice)).touInfo.name).toBe(EV_PLAN.name);
    await api.updatePushToken({ pushToken: 'msw-token' });
    expect(cloud.pushRegistration(EMAIL)?.pushToken).toBe('msw-token');
  });

  it('loopback server: real HTTP on 127.0.0.1', async () => {
    server.close();
    const local = new NavienCloud({ clock });
    const loopback = await startLoopbackServer(local.handler);
    try {
      await using auth = await NavienAuthClient.create(EMAIL, PASSWORD, {
        clock,
        env: {},
        baseUrl: `${loopback.url}/api/v2.1`,
      });
      const api = new NavienApiClient(auth);
      expect((await api.getFirmwareInfo(device))[0]?.curSwCode).toBe(33_556_241);
      await api.updateTou(device, { touInfo: EV_PLAN, registerPath: 'bt' });
      expect(await api.getTouInfo(touDevice)).toMatchObject({
        registerPath: 'bt',
        touInfo: { name: EV_PLAN.name },
      });
      await api.updatePushToken({ pushToken: 'loopback-token' });
      expect(local.pushRegistration(EMAIL)?.pushToken).toBe('loopback-token');
    } finally {
      await loopback.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});
