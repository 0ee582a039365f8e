import { readFileSync } from 'node:fs';
import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { EvohomeClient, EvohomeV2Client, ResponseShapeError } from '../src/index.js';
import { EvohomeCloud } from '../src/mock/index.js';

const dir = new URL('./fixtures/evohome/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: these tests mutate recorded JSON at any depth, which is the point
const load = (name: string): any => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

/**
 * Clients whose logins go to the simulator and whose data calls answer `payload`
 * (a mutated copy of a recorded one), so a whole call is checked, not a schema alone.
 */
function clientsServing(payload: unknown) {
  const clock = new FakeClock();
  const cloud = new EvohomeCloud({ clock, loginWindowMs: 0 });
  const fetch = handlerFetch(async (request) => {
    const path = new URL(request.url).pathname.toLowerCase();
    const isLogin = path === '/auth/oauth/token' || path === '/webapi/api/session';
    if (isLogin || path.endsWith('/useraccount')) return cloud.handler(request);
    return new Response(JSON.stringify(payload), { headers: { 'content-type': 'application/json' } });
  });
  const options = {
    username: 'demo@example.com',
    password: 'demo-password',
    baseUrl: 'https://tccna.resideo.com',
    fetch,
    clock,
    minLoginIntervalMs: 0,
  };
  return { v1: new EvohomeClient(options), v2: new EvohomeV2Client(options) };
}

describe('tolerant reading: drift in fields the SDK does not interpret never fails a call', () => {
  it('V2 location status: unknown enum values, extra fields, nulls where strings were recorded', async () => {
    const status = load('v2_location_status_2738909_default.json');
    const system = status.gateways[0].temperatureControlSystems[0];
    const [dead, main] = system.zones;
    dead.name = null;
    dead.activeFaults = [{ faultType: 'SomeFaultNoRecordingHas', since: null, severity: 3 }];
    main.activeFaults = null;
    main.setpointStatus.setpointMode = 'VacationHold';
    main.brandNewField = { nested: [1, 2] };
    system.systemModeStatus.mode = 'Holiday';
    system.dhw.stateStatus.mode = 'BoostOverride';
    status.gateways[0].activeFaults = 'none';
    const { v2 } = clientsServing(status);

    const read = await v2.locationStatus('2738909');
    const zones = read.gateways[0]?.temperatureControlSystems[0]?.zones ?? [];
    expect(zones[0]).toMatchObject({ zoneId: '3432521', name: undefined });
    expect(zones[0]?.activeFaults).toEqual([
      { faultType: 'SomeFaultNoRecordingHas', since: undefined, severity: 3 },
    ]);
    expect(zones[1]).toMatchObject({ activeFaults: undefined, brandNewField: { nested: [1, 2] } });
    expect(zones[1]?.setpointStatus.setpointMode).toBe('VacationHold');
    expect(read.gateways[0]?.temperatureControlSystems[0]?.systemModeStatus).toMatchObject({
      mode: 'Holiday',
    });
    expect(read.gateways[0]?.activeFaults).toBeUndefined();
    await v2.close();
  });

  it('V2 installation and account: names, time zone, capabilities and modes drifting are passed over', async () => {
    const installation = load('v2_installation_info_default.json');
    installation[0].locationInfo.name = null;
    installation[0].locationInfo.timeZone = 'GMT';
    const system = installation[0].gateways[0].temperatureControlSystems[0];
    system.zones[0].name = null;
    system.zones[0].modelType = 'FutureRadiatorValve';
    system.zones[0].setpointCapabilities = null;
    system.allowedSystemModes.push({ systemMode: 'Holiday', canBePermanent: 'yes' });
    installation[0].gateways[0].gatewayInfo.isWiFi = null;
    const { v2 } = clientsServing(installation);

    const [location] = await v2.installation();
    expect(location?.locationInfo).toMatchObject({
      locationId: '2738909',
      name: undefined,
      timeZone: undefined,
    });
    const zone = location?.gateways[0]?.temperatureControlSystems[0]?.zones[0];
    expect(zone).toMatchObject({
      zoneId: system.zones[0].zoneId,
      name: undefined,
      modelType: 'FutureRadiatorValve',
    });
    expect(location?.gateways[0]?.temperatureControlSystems[0]?.allowedSystemModes?.at(-1)).toMatchObject({
      systemMode: 'Holiday',
      canBePermanent: undefined,
    });
    await v2.close();
  });

  it('V1 locations: alert settings, units, names and modes drifting still give readings', async () => {
    const locations = load('v1_locations_alldata_default.json');
    const [dhw, zone] = locations[0].devices;
    dhw.alertSettings = null;
    zone.name = null;
    zone.thermostat.units = 7;
    zone.thermostat.allowedModes = null;
    zone.thermostat.changeableValues.mode = 'EcoBoost';
    zone.thermostat.changeableValues.heatSetpoint.status = null;
    zone.alertSettings.tempHigherThan = 'high';
    zone.isAlive = 'maybe';
    locations[0].name = null;
    locations[0].weather = null;
    const { v1 } = clientsServing(locations);

    const readings = await v1.temperatures();
    expect(readings).toHaveLength(10);
    expect(readings[1]).toMatchObject({
      id: zone.deviceID,
      name: '',
      setpoint: 16,
      status: null,
      mode: 'EcoBoost',
    });
    const [location] = await v1.locations();
    expect(location?.devices[0]?.alertSettings).toBeUndefined();
    expect(location?.devices[1]?.alertSettings).toMatchObject({
      tempHigherThan: undefined,
      tempLowerThan: 5,
    });
    await v1.close();
  });

  it('fields the SDK acts on stay strict: a drifted id, target or task id is a ResponseShapeError', async () => {
    const status = load('v2_location_status_2738909_default.json');
    status.gateways[0].temperatureControlSystems[0].zones[0].setpointStatus.targetHeatTemperature = '5.0';
    const drifted = clientsServing(status);
    await expect(drifted.v2.locationStatus('2738909')).rejects.toBeInstanceOf(ResponseShapeError);

    const noId = load('v2_location_status_2738909_default.json');
    noId.gateways[0].temperatureControlSystems[0].zones[1].zoneId = null;
    await expect(clientsServing(noId).v2.locationStatus('2738909')).rejects.toBeInstanceOf(
      ResponseShapeError,
    );

    const locations = load('v1_locations_alldata_default.json');
    locations[0].devices[1].thermostat.indoorTemperature = null;
    await expect(clientsServing(locations).v1.temperatures()).rejects.toBeInstanceOf(ResponseShapeError);

    await expect(clientsServing({ id: null }).v2.setZoneSetpoint('3432576', 20)).rejects.toBeInstanceOf(
      ResponseShapeError,
    );
    await expect(clientsServing({ state: null }).v1.taskState('123')).rejects.toBeInstanceOf(
      ResponseShapeError,
    );
  });

  it('recorded task answers read in both forms, ids as strings', async () => {
    expect(await clientsServing(load('v1_task_accepted_list.json')).v1.setZoneSetpoint(3432576, 20)).toBe(
      '123',
    );
    expect(await clientsServing(load('v1_task_accepted.json')).v1.cancelZoneOverride(3432576)).toBe('123');
    expect(await clientsServing(load('v2_task_accepted.json')).v2.setSystemMode('3432522', 'Auto')).toBe(
      '1588314363',
    );
    const pending = clientsServing(load('v1_comm_task_state_pending.json'));
    expect(await pending.v1.taskState('123')).toBe('pending');
    const done = clientsServing(load('v1_comm_task_state_succeeded.json'));
    await done.v1.waitForTask('123', { intervalMs: 1 });
  });
});
