import { readFile } from 'node:fs/promises';
import { FakeClock, type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { ErrorCodes, isTokenwiseError, MemoryStore } from '@tokenwise/auth-core/vendor';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cozify, type CozifyDevice, DEFAULT_CLOUD_URL, devicesSchema } from '../src/index.js';
import { CozifyCloud } from '../src/mock/index.js';
import { EMAIL, HUB_ID, mockWorld, rejectionOf } from './helpers.js';

type Json = Record<string, unknown>;
const dir = new URL('./fixtures/cozify/', import.meta.url);
const load = async (name: string) => JSON.parse(await readFile(new URL(name, dir), 'utf8')) as Json;

const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A client whose hub answers on a loopback port, and every hub request it sends, as sent. */
async function hubWorld() {
  const world = mockWorld();
  const hubSim = world.cloud.hub(HUB_ID);
  const sent: Array<{ method: string; path: string; contentType: string | null; body: unknown }> = [];
  const server = await startLoopbackServer(async (request) => {
    if (request.method === 'PUT') {
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname,
        contentType: request.headers.get('content-type'),
        body: await request.clone().json(),
      });
    }
    return hubSim.handler(request);
  });
  servers.push(server);
  const cozify = world.client(new MemoryStore(), { hubPort: server.port });
  await cozify.authenticate();
  const hub = await cozify.hub();
  return { ...world, hubSim, hub, sent, cozify };
}

/** Recorded device keys (device level and state level) by state type. */
function keysByKind(devices: Record<string, Json>) {
  const kinds = new Map<string, { device: Set<string>; state: Set<string> }>();
  for (const device of Object.values(devices)) {
    const state = device.state as Json;
    const kind = kinds.get(state.type as string) ?? { device: new Set(), state: new Set() };
    for (const key of Object.keys(device)) kind.device.add(key);
    for (const key of Object.keys(state)) kind.state.add(key);
    kinds.set(state.type as string, kind);
  }
  return kinds;
}

describe('the simulated hub reports devices as completely as the recording', () => {
  it('every field the recorded lights and twilight sensor carry, at both levels', async () => {
    const recorded = keysByKind(
      (await load('hub_devices.response.recorded.json')).body as Record<string, Json>,
    );
    const { hub } = await hubWorld();
    const raw = (await (await hub.request('devices')).json()) as Record<string, Json>;
    const simulated = keysByKind(raw);
    for (const [kind, keys] of recorded) {
      expect([...keys.device].filter((key) => !simulated.get(kind)?.device.has(key))).toEqual([]);
      expect([...keys.state].filter((key) => !simulated.get(kind)?.state.has(key))).toEqual([]);
    }
    // And the SDK types every one of them.
    const devices = await hub.devices();
    expect(devices['light-sofa']?.state).toMatchObject({
      type: 'STATE_LIGHT',
      colorMode: 'hs',
      hue: expect.any(Number),
      saturation: 1,
      minTemperature: 2000,
      transitionMsec: null,
    });
    expect(devices['light-sofa']).toMatchObject({ description: null, deviceType: null, rwx: 509 });
    expect(devices['twilight-garden']?.state).toMatchObject({ twilight: true, reachable: true });
  });

  it('the recorded reply parses with every field typed', async () => {
    const devices = devicesSchema.parse((await load('hub_devices.response.recorded.json')).body);
    const hanger: CozifyDevice | undefined = devices['d0bd9e1e-9857-4f57-ad53-bc9cbe667c35'];
    expect(hanger).toMatchObject({
      name: 'Table hanger 3',
      manufacturer: 'IKEA of Sweden',
      model: null,
      groups: ['86397059-1341-4398-8274-3dcef21d0d54'],
      capabilities: { type: 'SET', values: expect.arrayContaining(['ON_OFF', 'COLOR_TEMP']) },
      state: { brightness: 0.1529, colorMode: 'ct', isOn: true, temperature: 2202.643171806167 },
    });
    const twilight = devices['cd9bd0da-f1d5-11e5-8834-68c90bba878f']?.state;
    expect(twilight).toMatchObject({ type: 'STATE_TWILIGHT', twilight: true, twilightStart: 1515845022577 });
  });
});

describe('device commands: the requests python-cozify sends, and their effect on the next read', () => {
  it('the derived on/off/state bodies, sent as they are, change what the hub reports', async () => {
    const requests = await load('devices_command.requests.derived.json');
    const { hub } = await hubWorld();
    const forDevice = (name: string, id: string) =>
      JSON.parse(JSON.stringify(requests[name]).replaceAll('<device-id>', id)) as Parameters<
        typeof hub.command
      >[0];

    await hub.command(forDevice('on', 'light-sofa'));
    expect((await hub.device('light-sofa'))?.state.isOn).toBe(true);
    await hub.command(forDevice('off', 'light-sofa'));
    expect((await hub.device('light-sofa'))?.state.isOn).toBe(false);
    await hub.command(forDevice('state', 'light-kitchen'));
    expect((await hub.device('light-kitchen'))?.state).toMatchObject({ isOn: true, brightness: 0.5 });
  });

  it("python-cozify's light_brightness nulls every other field: only brightness changes", async () => {
    const { hub, clock } = await hubWorld();
    const before = (await hub.device('light-sofa'))?.state ?? { type: '' };
    // hub._clean_state(): `type` kept, every other field null; then the one change.
    const cleaned = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, k === 'type' ? v : null]));
    clock.advance(60_000);
    await hub.command([
      { id: 'light-sofa', type: 'CMD_DEVICE', state: { ...cleaned, type: 'STATE_LIGHT', brightness: 0.8 } },
    ]);
    const after = await hub.device('light-sofa');
    expect(after?.state).toEqual({ ...before, brightness: 0.8, lastSeen: clock.now() });
    expect(after?.timestamp).toBe(clock.now());
  });

  it('deviceOn, deviceOff and setDeviceState send the recorded bodies and are read back', async () => {
    const requests = await load('devices_command.requests.derived.json');
    const { hub, sent } = await hubWorld();
    await hub.deviceOn('light-sofa');
    expect((await hub.device('light-sofa'))?.state.isOn).toBe(true);
    await hub.deviceOff('light-sofa');
    expect((await hub.device('light-sofa'))?.state.isOn).toBe(false);
    await hub.setDeviceState('light-kitchen', { type: 'STATE_LIGHT', isOn: true, brightness: 0.5 });
    await hub.setDeviceState('light-sofa', { type: 'STATE_LIGHT', colorMode: 'ct', temperature: 3000 });
    expect((await hub.device('light-sofa'))?.state).toMatchObject({ colorMode: 'ct', temperature: 3000 });

    const withId = (name: string, id: string) =>
      JSON.parse(JSON.stringify(requests[name]).replaceAll('<device-id>', id));
    expect(sent.slice(0, 3)).toEqual([
      {
        method: 'PUT',
        path: '/cc/1.14/devices/command',
        contentType: 'application/json',
        body: withId('on', 'light-sofa'),
      },
      {
        method: 'PUT',
        path: '/cc/1.14/devices/command',
        contentType: 'application/json',
        body: withId('off', 'light-sofa'),
      },
      {
        method: 'PUT',
        path: '/cc/1.14/devices/command',
        contentType: 'application/json',
        body: withId('state', 'light-kitchen'),
      },
    ]);
  });

  it('through the cloud relay too (X-Hub-Key), when the hub is not on the LAN', async () => {
    const world = mockWorld({ sameNat: false });
    const cozify = world.client(new MemoryStore());
    await cozify.authenticate();
    const hub = await cozify.hub();
    await hub.deviceOn('light-sofa');
    expect((await hub.device('light-sofa'))?.state.isOn).toBe(true);
    expect(hub.route).toBe('remote');
    expect(world.cloud.hub(HUB_ID).counts.remoteRequests).toBeGreaterThanOrEqual(2);
    await cozify.close();
  });

  it('the hub refuses what it cannot do (400, nothing applied); malformed commands never leave', async () => {
    const { hub, hubSim } = await hubWorld();
    for (const command of [
      { id: 'no-such-device', type: 'CMD_DEVICE_ON' },
      { id: 'twilight-garden', type: 'CMD_DEVICE_ON' },
      { id: 'light-sofa', type: 'CMD_DEVICE', state: { type: 'STATE_TWILIGHT', twilight: false } },
      { id: 'light-sofa', type: 'CMD_DEVICE', state: { type: 'STATE_LIGHT', isOn: 'yes' } },
      { id: 'light-sofa', type: 'CMD_SOMETHING' },
    ]) {
      const error = await rejectionOf(
        hub.command([{ id: 'light-kitchen', type: 'CMD_DEVICE_OFF' }, command]),
      );
      expect(isTokenwiseError(error, ErrorCodes.ApiError)).toBe(true);
      expect((error as { status: number }).status).toBe(400);
    }
    // The batch is all or nothing: the first command of each was not applied.
    expect((await hub.device('light-kitchen'))?.state.isOn).toBe(true);

    const calls = hubSim.counts.lanRequests;
    for (const bad of [
      () => hub.command([]),
      () => hub.command([{ id: '', type: 'CMD_DEVICE_ON' }]),
      () => hub.command([{ id: 'light-sofa', type: 'CMD_DEVICE' }]),
      () => hub.command([{ id: 'light-sofa', type: 'CMD_DEVICE', state: { brightness: 1 } }]),
      () => hub.deviceOn(''),
      () => hub.setDeviceState('light-sofa', { brightness: 1 } as never),
      () => hub.device(undefined as never),
    ]) {
      await expect(bad()).rejects.toMatchObject({ code: ErrorCodes.ConfigurationError });
    }
    expect(hubSim.counts.lanRequests).toBe(calls);
    expect(await hub.device('no-such-device')).toBeUndefined();
  });
});

describe('scenes: the derived scene_on body and its effect', () => {
  it('sceneOn/sceneOff send CMD_SCENE_ON/OFF and scenes() reads the change back', async () => {
    const requests = await load('devices_command.requests.derived.json');
    const { hub, sent } = await hubWorld();
    expect(await hub.scenes()).toMatchObject({ 'scene-movie': { isOn: false, name: 'Movie night' } });
    await hub.sceneOn('scene-movie');
    expect((await hub.scenes())['scene-movie']?.isOn).toBe(true);
    await hub.sceneOff('scene-movie');
    expect((await hub.scenes())['scene-movie']?.isOn).toBe(false);
    const sceneOn = JSON.parse(JSON.stringify(requests.scene_on).replaceAll('<scene-id>', 'scene-movie'));
    expect(sent[0]).toEqual({
      method: 'PUT',
      path: '/cc/1.14/scenes/command',
      contentType: 'application/json',
      body: sceneOn,
    });
    const error = await rejectionOf(hub.sceneOn('no-such-scene'));
    expect((error as { status: number }).status).toBe(400);
    await expect(hub.sceneOff('')).rejects.toMatchObject({ code: ErrorCodes.ConfigurationError });
  });
});

describe('switch a device on and read it back through MSW with the global fetch', () => {
  const clock = new FakeClock();
  const cloud = new CozifyCloud({ clock, sameNat: false });
  const server = setupServer(...mswHandlers(DEFAULT_CLOUD_URL, cloud.handler));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('deviceOn, then setDeviceState, then devices()', async () => {
    await using cozify = new Cozify({
      email: EMAIL,
      store: new MemoryStore(),
      clock,
      otp: async ({ email }) => cloud.lastOtp(email) ?? '',
    });
    await cozify.authenticate();
    const hub = await cozify.hub();
    await hub.deviceOn('light-sofa');
    await hub.setDeviceState('light-sofa', { type: 'STATE_LIGHT', brightness: 0.25 });
    const sofa = (await hub.devices())['light-sofa'];
    expect(sofa?.state).toMatchObject({ isOn: true, brightness: 0.25 });
    expect(hub.route).toBe('remote');
  });
});
