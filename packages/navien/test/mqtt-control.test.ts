import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, dhwModeCommand, dhwTemperatureCommand, NavienMqttClient } from '../src/index.js';
import { DEMO_DEVICE } from '../src/mock/index.js';
import { mockWorld } from './helpers/harness.js';
import { startIotGateway } from './helpers/iot-gateway.js';

const device = {
  macAddress: DEMO_DEVICE.macAddress,
  additionalValue: DEMO_DEVICE.additionalValue,
  deviceType: 52,
};
const CTRL = 'cmd/52/navilink-aabbccddeeff/ctrl';

describe('control commands on the ctrl topic, as nwp500 documents them', () => {
  let world: ReturnType<typeof mockWorld>;
  let gateway: Awaited<ReturnType<typeof startIotGateway>>;
  let mqtt: NavienMqttClient | undefined;
  let seen: Array<Record<string, unknown>>;

  beforeEach(async () => {
    world = mockWorld();
    gateway = await startIotGateway(world.cloud, world.clock);
    seen = [];
    gateway.broker.on('publish', (packet, sender) => {
      if (sender && packet.topic === CTRL) seen.push(JSON.parse(packet.payload.toString()));
    });
  });

  afterEach(async () => {
    await mqtt?.close();
    mqtt = undefined;
    await gateway.close();
    await world.closeAll();
  });

  it('power on/off, DHW temperature (half °C) and DHW mode reach the broker in the vendor envelope', async () => {
    const auth = world.auth();
    mqtt = new NavienMqttClient(auth, { url: gateway.url });
    await mqtt.setPower(device, true);
    await mqtt.setPower(device, false);
    await mqtt.setDhwTemperature(device, 60);
    await mqtt.setDhwMode(device, 'energySaver');
    await mqtt.setDhwMode(device, 'vacation', 7);
    await expect.poll(() => seen.length).toBe(5);
    const base = { deviceType: 52, macAddress: 'aabbccddeeff', additionalValue: '5322', paramStr: '' };
    expect(seen.map((message) => message.request)).toEqual([
      { ...base, command: 33_554_434, mode: 'power-on', param: [] },
      { ...base, command: 33_554_433, mode: 'power-off', param: [] },
      { ...base, command: 33_554_464, mode: 'dhw-temperature', param: [120] },
      { ...base, command: 33_554_437, mode: 'dhw-mode', param: [3] },
      { ...base, command: 33_554_437, mode: 'dhw-mode', param: [5, 7] },
    ]);
    expect(seen[0]).toMatchObject({
      clientID: mqtt.clientId,
      protocolVersion: 2,
      requestTopic: CTRL,
      responseTopic: `cmd/52/navilink-aabbccddeeff/${mqtt.clientId}/res`,
    });
  });

  it('bad values are a ConfigurationError before anything is published', () => {
    expect(() => dhwTemperatureCommand(Number.NaN)).toThrow(ConfigurationError);
    expect(() => dhwTemperatureCommand(120)).toThrow(/celsius/);
    expect(dhwTemperatureCommand(48.7).param).toEqual([97]);
    expect(() => dhwModeCommand('turbo' as never)).toThrow(/heatPump, electric/);
    expect(() => dhwModeCommand('vacation')).toThrow(/vacationDays/);
    expect(() => dhwModeCommand('vacation', 31)).toThrow(/vacationDays/);
  });
});
