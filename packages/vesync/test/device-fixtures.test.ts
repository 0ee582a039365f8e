import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError } from '../src/index.js';
import { byType, setupCloud } from './helpers.js';

const root = new URL('./fixtures/vesync/devices/', import.meta.url);
type Json = Record<string, unknown>;
const load = async (name: string): Promise<Json> =>
  JSON.parse(await readFile(new URL(name, root), 'utf8')) as Json;
const copy = <T>(value: T): T => structuredClone(value);

interface Recorded {
  url: string;
  json_object: Json & { payload?: Json };
}

/**
 * A client whose device calls answer the payload last given to `answerWith`
 * (a recorded or mutated one; login and the list use the simulator), and
 * the account's devices.
 */
async function answeringClient(env: ReturnType<typeof setupCloud>) {
  let answer: Json = {};
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    if (url.includes('bypassV2') || url.includes('deviceDetail')) {
      return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
    }
    return env.fetch(input, init);
  };
  const vesync = env.client({ fetch });
  const answerWith = (payload: Json) => {
    answer = payload;
  };
  return { vesync, devices: await vesync.getDevices(), answerWith };
}

/** The recorded status answers of the three device classes the SDK types. */
const recordedStatuses = async () => ({
  purifier: await load('Core300S.getPurifierStatus.response.json'),
  humidifier: await load('LUH-A602S-WUS.getHumidifierStatus.response.json'),
  outlet: await load('ESW15-USA.deviceDetail.response.json'),
});

/** The device's own result inside a bypassV2 answer. */
const inner = (answer: Json) => (answer.result as { result: Json }).result;

describe('device calls against the recorded pyvesync payloads', () => {
  let env = setupCloud();
  afterEach(async () => {
    await env.closeAll();
    env = setupCloud();
  });

  it('sends the envelope and payloads pyvesync sends (plus tsvesync’s deviceRegion)', async () => {
    const sent: Json[] = [];
    const spy: typeof fetch = async (input, init) => {
      if (String(input).includes('deviceManaged/') && !String(input).endsWith('/devices')) {
        sent.push(JSON.parse(String(init?.body)) as Json);
      }
      return env.fetch(input, init);
    };
    const vesync = env.client({ fetch: spy });
    const devices = await vesync.getDevices();
    const recorded = (await load('Core300S.requests.json')) as Record<string, Recorded>;
    const purifier = vesync.purifier(byType(devices, 'Core300S'));
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['turn_on', () => purifier.setPower(true)],
      ['turn_off', () => purifier.setPower(false)],
      ['set_fan_speed', () => purifier.setFanLevel(3)],
      ['set_auto_mode', () => purifier.setMode('auto')],
      ['set_sleep_mode', () => purifier.setMode('sleep')],
      ['set_manual_mode', () => purifier.setMode('manual')],
      ['turn_on_display', () => purifier.setDisplay(true)],
      ['turn_off_display', () => purifier.setDisplay(false)],
      ['update', () => purifier.status()],
    ];
    const humid = (await load('LUH-A602S-WUS.requests.json')) as Record<string, Recorded>;
    const humidifier = vesync.humidifier(byType(devices, 'LUH-A602S-WUS'));
    const humidSteps: Array<[string, () => Promise<unknown>]> = [
      ['turn_on', () => humidifier.setPower(true)],
      [
        'set_mist_level',
        () =>
          humidifier.setMistLevel(
            Number((humid.set_mist_level?.json_object.payload?.data as Json | undefined)?.level),
          ),
      ],
      ['set_auto_mode', () => humidifier.setMode('auto')],
      ['set_humidity', () => humidifier.setTargetHumidity(50)],
      ['update', () => humidifier.status()],
    ];
    for (const [table, list] of [
      [recorded, steps],
      [humid, humidSteps],
    ] as const) {
      for (const [name, step] of list) {
        const want = table[name];
        if (want === undefined) throw new Error(`no recorded ${name}`);
        await step();
        const body = sent.at(-1) ?? {};
        expect(want.url, name).toBe('/cloud/v2/deviceManaged/bypassV2');
        expect(Object.keys(body).sort(), name).toEqual(
          [...Object.keys(want.json_object), 'deviceRegion'].sort(),
        );
        expect(body.payload, name).toEqual(want.json_object.payload);
        expect(body).toMatchObject({
          method: 'bypassV2',
          debugMode: false,
          userCountryCode: 'US',
          acceptLanguage: 'en',
        });
        expect(body.deviceId).toBe(body.cid);
        expect(body.configModel).toBe(body.configModule);
      }
    }

    const outletTable = (await load('ESW15-USA.requests.json')) as Record<string, Recorded>;
    const outlet = vesync.outlet(byType(devices, 'ESW15-USA'));
    for (const [name, step] of [
      ['update', () => outlet.status()],
      ['turn_off', () => outlet.setPower(false)],
      ['turn_on', () => outlet.setPower(true)],
    ] as const) {
      const want = outletTable[name];
      if (want === undefined) throw new Error(`no recorded ${name}`);
      await step();
      const body = sent.at(-1) ?? {};
      expect(Object.keys(body).sort(), name).toEqual(
        [...Object.keys(want.json_object), 'deviceRegion'].sort(),
      );
      expect(body.method).toBe(want.json_object.method);
      if (want.json_object.status !== undefined) expect(body.status).toBe(want.json_object.status);
    }
  });

  it("answers pyvesync's own recorded requests (its ids swapped for the account's) like the real cloud", async () => {
    const vesync = env.client();
    const devices = await vesync.getDevices();
    const session = await vesync.manager.get();
    const device = byType(devices, 'Core300S');
    const recorded = (await load('Core300S.requests.json')) as Record<string, Recorded>;
    const post = async (want: Recorded) => {
      const body = {
        ...want.json_object,
        token: session.token,
        accountID: session.accountId,
        cid: device.cid,
        deviceId: device.cid,
        configModule: device.configModule,
        configModel: device.configModule,
      };
      const response = await env.fetch(`https://smartapi.vesync.com${want.url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { code: number; result: { code: number; result: Json } };
    };
    for (const name of ['turn_off', 'set_fan_speed', 'turn_off_display', 'set_auto_mode']) {
      const answer = await post(recorded[name] as Recorded);
      expect(answer.code, name).toBe(0);
      expect(answer.result.code, name).toBe(0);
    }
    const state = await post(recorded.update as Recorded);
    expect(state.result.result).toMatchObject({ enabled: false, mode: 'auto', level: 3, display: false });
    const shape = await load('Core300S.getPurifierStatus.response.json');
    expect(Object.keys(state.result.result).sort()).toEqual(
      Object.keys((shape.result as { result: Json }).result).sort(),
    );
  });

  it("answers tsvesync's leaner bypassV2 envelope too, over POST and the PUT it uses for some writes", async () => {
    const vesync = env.client();
    const devices = await vesync.getDevices();
    const session = await vesync.manager.get();
    const humidifier = byType(devices, 'LUH-A602S-WUS');
    // tsvesync 1.6.1 `Helpers.reqBody(manager, 'bypassV2')` plus cid, configModule and payload.
    const tsvesyncBody = (payload: Json) => ({
      timeZone: 'America/New_York',
      acceptLanguage: 'en',
      accountID: session.accountId,
      token: session.token,
      appVersion: '2.8.6',
      phoneBrand: 'SM N9005',
      phoneOS: 'Android',
      traceId: String(Date.now()),
      deviceRegion: 'US',
      method: 'bypassV2',
      cid: humidifier.cid,
      configModule: humidifier.configModule,
      payload,
    });
    const send = async (method: string, body: unknown) => {
      const response = await env.fetch('https://smartapi.vesync.com/cloud/v2/deviceManaged/bypassV2', {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { code: number; msg: string; result: { code: number; result: Json } };
    };
    const set = await send(
      'PUT',
      tsvesyncBody({ method: 'setTargetHumidity', source: 'APP', data: { target_humidity: 35 } }),
    );
    expect(set).toMatchObject({ code: 0, result: { code: 0 } });
    const read = await send('POST', tsvesyncBody({ method: 'getHumidifierStatus', source: 'APP', data: {} }));
    expect((read.result.result.configuration as Json).auto_target_humidity).toBe(35);
    // A malformed envelope is an application error: inside HTTP 200, like every other.
    const { cid: _cid, ...noCid } = tsvesyncBody({ method: 'getHumidifierStatus', data: {} });
    expect(await send('POST', noCid)).toMatchObject({ code: -11000022, msg: 'illegal argument' });
  });

  it('reads the recorded answers', async () => {
    const answers = {
      ...(await recordedStatuses()),
      command: await load('bypassV2.command.response.json'),
    };
    const { vesync, devices, answerWith } = await answeringClient(env);
    answerWith(answers.purifier);
    expect(await vesync.purifier(byType(devices, 'Core300S')).status()).toMatchObject({
      on: true,
      mode: 'manual',
      fanLevel: 1,
      childLock: true,
      display: true,
      filterLife: 80,
      airQuality: 2,
    });
    answerWith(answers.humidifier);
    expect(await vesync.humidifier(byType(devices, 'LUH-A602S-WUS')).status()).toMatchObject({
      on: true,
      mode: 'manual',
      mistLevel: 3,
      targetHumidity: 60,
      humidity: 50,
      waterLacks: false,
    });
    answerWith(answers.outlet);
    expect(await vesync.outlet(byType(devices, 'ESW15-USA')).status()).toMatchObject({
      on: true,
      energyToday: 10,
      power: 20,
      voltage: 120,
    });
    expect(await vesync.deviceDetail(byType(devices, 'ESW15-USA'))).toMatchObject({
      deviceStatus: 'on',
      energy: 10,
      nightLightStatus: 'on',
    });
    answerWith(answers.command);
    await expect(vesync.purifier(byType(devices, 'Core300S')).setPower(false)).resolves.toBeUndefined();
  });

  it('tolerant reading: drift in fields the SDK does not interpret never fails the call', async () => {
    const { purifier, humidifier, outlet: outletDetail } = await recordedStatuses();
    const { vesync, devices, answerWith } = await answeringClient(env);

    const p = copy(purifier);
    Object.assign(inner(p), {
      mode: 'turbo', // an unknown enum value of an interpreted field: kept as the string it is
      air_quality: 'good', // a number turned string
      filter_life: null, // null where a number was recorded
      configuration: null,
      extension: 'x',
      new_field: { nested: [1, 2] }, // extra fields
    });
    Object.assign(p, { msg: null, module: 'added', extra: true });
    (p.result as Json).msg = 42;
    answerWith(p);
    const status = await vesync.purifier(byType(devices, 'Core300S')).status();
    expect(status).toMatchObject({
      on: true,
      mode: 'turbo',
      fanLevel: 1,
      filterLife: undefined,
      airQuality: undefined,
    });
    expect(status.raw.new_field).toEqual({ nested: [1, 2] });

    const h = copy(humidifier);
    Object.assign(inner(h), {
      humidity: '50%',
      water_lacks: null,
      display: 'on',
      mist_level: null,
      mode: 'humidity',
    });
    (inner(h).configuration as Json).automatic_stop = 'maybe';
    answerWith(h);
    expect(await vesync.humidifier(byType(devices, 'LUH-A602S-WUS')).status()).toMatchObject({
      mode: 'humidity',
      humidity: undefined,
      waterLacks: undefined,
      targetHumidity: 60,
    });

    const o = copy(outletDetail);
    Object.assign(o.result as Json, {
      power: '20 W',
      voltage: null,
      connectionStatus: null,
      deviceName: null,
      nightLightStatus: 7,
      activeTime: 'long',
      deviceStatus: 'standby', // not 'on': reads as off, does not fail
    });
    answerWith(o);
    expect(await vesync.outlet(byType(devices, 'ESW15-USA')).status()).toMatchObject({
      on: false,
      energyToday: 10,
      power: undefined,
      voltage: undefined,
    });
    expect(await vesync.deviceDetail(byType(devices, 'ESW15-USA'))).toMatchObject({
      deviceStatus: 'standby',
      deviceName: undefined,
      nightLightStatus: 7,
    });
  });

  it('tolerant reading: the device list keeps working when uninterpreted fields drift', async () => {
    const examples = JSON.parse(
      await readFile(new URL('../pyvesync/devices.list_items.examples.json', root), 'utf8'),
    ) as Record<string, Json>;
    const list: Json[] = Object.values(examples).map((entry, i) =>
      i % 2 === 0
        ? {
            ...entry,
            deviceName: null,
            deviceImg: 5,
            isOwner: 'yes',
            connectionType: null,
            speed: {},
            extra: [1],
          }
        : { ...entry, deviceStatus: 3, subDeviceNo: true, mode: 7, macID: 12 },
    );
    const fetch: typeof globalThis.fetch = async (input, init) =>
      String(input).endsWith('/devices')
        ? new Response(
            JSON.stringify({
              traceId: 'T',
              code: 0,
              msg: null,
              result: { total: list.length, pageNo: 1, pageSize: 100, list },
            }),
          )
        : env.fetch(input, init);
    const vesync = env.client({ fetch });
    const devices = await vesync.getDevices();
    expect(devices).toHaveLength(list.length);
    expect(devices[0]).toMatchObject({ deviceName: undefined, isOwner: undefined, extra: [1] });
    expect(devices[1]).toMatchObject({ deviceStatus: undefined, mode: undefined });
    expect(devices.map((d) => d.deviceType)).toEqual(list.map((d) => d.deviceType));
  });

  it('fields the SDK interprets stay strict: a drifted one is a ResponseShapeError naming the path, no values', async () => {
    const { purifier, humidifier, outlet: outletDetail } = await recordedStatuses();
    const { vesync, devices, answerWith } = await answeringClient(env);
    const cases: Array<[Json, () => Promise<unknown>, string]> = [];
    const p1 = copy(purifier);
    inner(p1).enabled = 'yes';
    cases.push([p1, () => vesync.purifier(byType(devices, 'Core300S')).status(), 'enabled']);
    const p2 = copy(purifier);
    inner(p2).level = null;
    cases.push([p2, () => vesync.purifier(byType(devices, 'Core300S')).status(), 'level']);
    const h1 = copy(humidifier);
    (inner(h1).configuration as Json).auto_target_humidity = '60';
    cases.push([
      h1,
      () => vesync.humidifier(byType(devices, 'LUH-A602S-WUS')).status(),
      'auto_target_humidity',
    ]);
    const o1 = copy(outletDetail);
    (o1.result as Json).energy = '10 kWh';
    cases.push([o1, () => vesync.outlet(byType(devices, 'ESW15-USA')).status(), 'energy']);
    const b1 = copy(purifier);
    (b1.result as Json).code = 'zero';
    cases.push([
      b1,
      () => vesync.bypassV2(byType(devices, 'Core300S'), { method: 'getPurifierStatus' }),
      'code',
    ]);
    for (const [mutated, call, path] of cases) {
      answerWith(mutated);
      const error = await call().catch((e: unknown) => e);
      expect(isTokenwiseError(error, ErrorCodes.ResponseShapeError), path).toBe(true);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).not.toContain('yes');
    }
  });
});
