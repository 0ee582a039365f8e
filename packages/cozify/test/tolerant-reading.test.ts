import { readFile } from 'node:fs/promises';
import { MemoryStore, ResponseShapeError } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { devicesSchema } from '../src/index.js';
import { mockWorld } from './helpers.js';

type Json = Record<string, unknown>;

const LIGHT = 'd0bd9e1e-9857-4f57-ad53-bc9cbe667c35';
const COLOUR_LIGHT = 'a371469c-ae3e-11e5-ab7a-68c90bba878f';
const TWILIGHT = 'cd9bd0da-f1d5-11e5-8834-68c90bba878f';

/** A fresh copy of the recorded `GET devices` body, to mutate. */
async function recordedDevices(): Promise<Record<string, Json>> {
  const file = new URL('./fixtures/cozify/hub_devices.response.recorded.json', import.meta.url);
  return (JSON.parse(await readFile(file, 'utf8')) as { body: Record<string, Json> }).body;
}

/** `hub.devices()` of a client whose hub (through the cloud relay) answers `body` to `GET devices`. */
async function devicesAnswered(body: unknown) {
  const world = mockWorld({ sameNat: false });
  const cozify = world.client(new MemoryStore(), {
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname.endsWith('/cc/1.14/devices')) {
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      }
      return world.fetch(input, init);
    },
  });
  try {
    await cozify.authenticate();
    return await (await cozify.hub()).devices();
  } finally {
    await cozify.close();
  }
}

describe('device fields the SDK does not interpret never fail a call', () => {
  it('unknown enum values, extra fields, null where a string was recorded, drifted types', async () => {
    const body = await recordedDevices();
    const light = body[LIGHT]!;
    Object.assign(light, { name: null, type: 'SMART_PLUG_V2', rwx: '509', firmware: { version: '2.3' } });
    Object.assign(light.capabilities as Json, { values: ['ON_OFF', 'MATTER_BRIDGE', 7] });
    Object.assign(light.state as Json, { colorMode: 'xy', hue: null, reachable: 'yes', powerW: 4.2 });
    Object.assign(body[COLOUR_LIGHT]!, { room: null, manufacturer: 42, deviceType: { kind: 'bulb' } });
    Object.assign(body[TWILIGHT]!.state as Json, { type: 'STATE_TWILIGHT_V2', twilight: 'dusk' });
    body['new-device'] = { id: 'new-device', type: 'ROBOT', state: { type: 'STATE_ROBOT', docked: true } };

    const devices = await devicesAnswered(body);
    expect(Object.keys(devices)).toHaveLength(6);
    const read = devices[LIGHT]!;
    expect(read.name).toBeUndefined();
    expect(read.type).toBe('SMART_PLUG_V2');
    expect(read.rwx).toBeUndefined();
    expect(read.firmware).toEqual({ version: '2.3' });
    expect(read.capabilities?.values).toEqual(['ON_OFF', 'MATTER_BRIDGE']);
    expect(read.state).toMatchObject({ type: 'STATE_LIGHT', colorMode: 'xy', isOn: true, powerW: 4.2 });
    expect(read.state.hue).toBeUndefined();
    expect(read.state.reachable).toBeUndefined();
    expect(devices[COLOUR_LIGHT]).toMatchObject({ room: [], deviceType: { kind: 'bulb' } });
    expect(devices[COLOUR_LIGHT]?.manufacturer).toBeUndefined();
    expect(devices[TWILIGHT]?.state).toMatchObject({
      type: 'STATE_TWILIGHT_V2',
      twilightStart: 1515845022577,
    });
    expect(devices[TWILIGHT]?.state.twilight).toBeUndefined();
    expect(devices['new-device']?.state).toEqual({ type: 'STATE_ROBOT', docked: true });
  });

  it('the unmutated recording reads the same through the call as through the schema', async () => {
    const body = await recordedDevices();
    expect(await devicesAnswered(body)).toEqual(devicesSchema.parse(body));
  });
});

describe('fields the SDK interprets stay strict', () => {
  it('a device without an id, or a state without its type, fails the call', async () => {
    for (const mutate of [
      (body: Record<string, Json>) => {
        delete body[LIGHT]!.id;
      },
      (body: Record<string, Json>) => {
        (body[LIGHT]!.state as Json).type = null;
      },
      (body: Record<string, Json>) => {
        body[TWILIGHT]!.state = 'ok';
      },
    ]) {
      const body = await recordedDevices();
      mutate(body);
      await expect(devicesAnswered(body)).rejects.toBeInstanceOf(ResponseShapeError);
    }
  });

  it('a reply that is not a map of devices fails the call', async () => {
    await expect(devicesAnswered([])).rejects.toBeInstanceOf(ResponseShapeError);
  });
});
