import { readFile } from 'node:fs/promises';
import { FakeClock } from '@tokenwise/auth-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { NavienApiClient, NavienAuthClient, ResponseShapeError } from '../src/index.js';
import { NavienCloud } from '../src/mock/index.js';
import { EMAIL, PASSWORD } from './helpers/harness.js';

type Json = Record<string, unknown>;

const fixtures = new URL('./fixtures/navien/', import.meta.url);
/** A fresh copy of a recorded reply body, to mutate. */
const recorded = async (name: string) =>
  (JSON.parse(await readFile(new URL(name, fixtures), 'utf8')) as { body: Json }).body;
const data = (body: Json) => body.data as Json;

const device = { macAddress: 'aabbccddeeff', additionalValue: '5322' };
const clients: NavienAuthClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

/**
 * An API client whose sign-in goes to the simulator and whose data calls are
 * answered with `bodies[path]`: the recorded payloads after the drift under test.
 */
async function clientWith(bodies: Record<string, Json>, signIn?: Json) {
  const clock = new FakeClock();
  const cloud = new NavienCloud({ clock });
  const auth = new NavienAuthClient(EMAIL, PASSWORD, {
    baseUrl: 'https://nlus.navien.test/api/v2.1',
    clock,
    env: {},
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname.replace('/api/v2.1/', '');
      const body = path === 'user/sign-in' && signIn ? signIn : bodies[path];
      if (body === undefined) return cloud.handler(request);
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    },
  });
  clients.push(auth);
  return new NavienApiClient(auth);
}

describe('fields the SDK does not interpret never fail a call', () => {
  it('firmware: extra fields, drifted types, a null entry', async () => {
    const body = await recorded('device_firmware_info.response.json');
    const [first, second] = data(body).firmwares as Json[];
    Object.assign(first!, { deviceGroup: 7, curVersion: '167837696', releaseChannel: 'beta' });
    Object.assign(second!, { downloadedVersion: 'none', macAddress: null });
    (data(body).firmwares as unknown[]).push(null);
    data(body).lastChecked = 1_700_000_000;

    const firmwares = await (await clientWith({ 'device/firmware/info': body })).getFirmwareInfo(device);
    expect(firmwares).toHaveLength(4);
    expect(firmwares[0]).toMatchObject({ curSwCode: 33_556_241, releaseChannel: 'beta' });
    expect(firmwares[0]?.deviceGroup).toBeUndefined();
    expect(firmwares[0]?.curVersion).toBeUndefined();
    expect(firmwares[1]).toMatchObject({ curSwCode: 268_435_985, curVersion: 34_013_184 });
    expect(firmwares[1]?.downloadedVersion).toBeUndefined();
  });

  it('firmware: a reply without data is an empty list', async () => {
    const api = await clientWith({ 'device/firmware/info': { code: 200, msg: 'SUCCESS', data: null } });
    expect(await api.getFirmwareInfo(device)).toEqual([]);
  });

  it('TOU: an unknown registerPath, null where strings were recorded, a string ZIP, extra keys', async () => {
    const body = await recorded('device_tou.response.json');
    Object.assign(data(body), { registerPath: 'matter', sourceType: null, planVersion: 3 });
    const touInfo = data(body).touInfo as Json;
    Object.assign(touInfo, { utility: null, name: null, zipCode: '94595', currency: 'USD' });
    const [season] = touInfo.schedule as Json[];
    const [interval] = season!.interval as Json[];
    Object.assign(interval!, { week: null, holiday: true });
    (season!.interval as unknown[]).push('not an interval');

    const api = await clientWith({ 'device/tou': body });
    const tou = await api.getTouInfo({ ...device, controllerId: '00000000BT00000000' });
    expect(tou.registerPath).toBe('matter');
    expect(tou.sourceType).toBeUndefined();
    expect(tou.planVersion).toBe(3);
    expect(tou.touInfo).toMatchObject({
      controllerId: '00000000BT00000000',
      zipCode: '94595',
      currency: 'USD',
    });
    expect(tou.touInfo.utility).toBeUndefined();
    expect(tou.touInfo.schedule).toHaveLength(2);
    expect(tou.touInfo.schedule[0]?.interval).toHaveLength(6);
    expect(tou.touInfo.schedule[0]?.interval[0]).toMatchObject({ startHour: 0, endHour: 15, holiday: true });
    expect(tou.touInfo.schedule[0]?.interval[0]?.week).toBeUndefined();
  });

  it('push token: a reply with data it never had', async () => {
    const body = { ...(await recorded('app_update_push_token.response.json')), data: { registered: true } };
    const api = await clientWith({ 'app/update-push-token': body });
    await expect(api.updatePushToken({ pushToken: 't' })).resolves.toBeUndefined();
  });

  it('device list and info: unknown install type, null names, a string latitude, extra fields', async () => {
    const list = await recorded('device_list.response.json');
    const [entry] = data(list) as unknown as Json[];
    Object.assign(entry!.deviceInfo as Json, { deviceName: null, connected: 'yes', firmwareChannel: 'x' });
    Object.assign(entry!.location as Json, { city: 5 });
    const info = await recorded('device_info.response.json');
    Object.assign(data(info).deviceInfo as Json, { installType: 'Z', homeSeq: '25004' });
    Object.assign(data(info).location as Json, { latitude: '0.0' });
    Object.assign(data(info), { installer: 'none', alarmInfo: { isEtcAlarm: 'on' }, warranty: {} });

    const api = await clientWith({ 'device/list': list, 'device/info': info });
    const [listed] = await api.listDevices();
    expect(listed?.deviceInfo).toMatchObject({ macAddress: 'aabbccddeeff', deviceType: 52 });
    expect(listed?.deviceInfo.deviceName).toBeNull();
    expect(listed?.deviceInfo.connected).toBeUndefined();
    expect(listed?.location?.city).toBeUndefined();
    const details = await api.getDeviceInfo(device);
    expect(details.deviceInfo).toMatchObject({ installType: 'Z', deviceType: 52 });
    expect(details.deviceInfo.homeSeq).toBeUndefined();
    expect(details.location?.latitude).toBeUndefined();
    expect(details.installer).toBeUndefined();
    expect(details.alarmInfo).toEqual({ isEtcAlarm: undefined, isErrorAlarm: undefined });
  });

  it('sign-in: user info and legal entries that drifted do not stop the sign-in', async () => {
    const signIn = await recorded('sign_in.response.success.json');
    const token = data(signIn).token as Json;
    Object.assign(token, {
      idToken: 'id',
      accessToken: 'access',
      refreshToken: 'refresh',
      authorizationExpiresIn: 3600,
    });
    Object.assign(data(signIn).userInfo as Json, { userSeq: '36283', userStatus: null, marketing: true });
    const [pp] = data(signIn).legal as Json[];
    Object.assign(pp!, { revisionAt: '2023-04-28', language: null });
    (data(signIn).legal as unknown[]).push({ legalType: null });

    const api = await clientWith({ 'device/list': await recorded('device_list.response.json') }, signIn);
    expect(await api.listDevices()).toHaveLength(1);
  });
});

describe('fields the SDK interprets stay strict', () => {
  it('a listed device without a MAC address, or with a textual device type, fails the call', async () => {
    for (const drift of [{ macAddress: undefined }, { deviceType: '52' }]) {
      const list = await recorded('device_list.response.json');
      const [entry] = data(list) as unknown as Json[];
      Object.assign(entry!.deviceInfo as Json, drift);
      const api = await clientWith({ 'device/list': list });
      await expect(api.listDevices()).rejects.toBeInstanceOf(ResponseShapeError);
    }
  });

  it('a TOU answer without a touInfo object fails the call', async () => {
    const body = await recorded('device_tou.response.json');
    data(body).touInfo = 'E-TOU-C';
    const api = await clientWith({ 'device/tou': body });
    await expect(api.getTouInfo({ ...device, controllerId: 'c' })).rejects.toBeInstanceOf(ResponseShapeError);
  });

  it('an envelope whose code is not a number fails the call', async () => {
    const body = { ...(await recorded('device_firmware_info.response.json')), code: 'SUCCESS' };
    const api = await clientWith({ 'device/firmware/info': body });
    await expect(api.getFirmwareInfo(device)).rejects.toBeInstanceOf(ResponseShapeError);
  });
});
