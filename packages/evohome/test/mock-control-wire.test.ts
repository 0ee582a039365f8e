import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { V1_APPLICATION_ID } from '../src/constants.js';
import type { EvohomeCloudOptions } from '../src/mock/index.js';
import { createCloud, v2WireToken } from './harness.js';

const HOST = 'https://tccna.resideo.com';
const dir = new URL('./fixtures/evohome/', import.meta.url);
const recorded = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

/** A raw V2 caller on a fresh simulator, as the vendors' own clients talk to it. */
async function v2Wire(options: EvohomeCloudOptions = {}) {
  const { cloud } = createCloud({ loginWindowMs: 0, ...options });
  const token = await v2WireToken(cloud, 'EMEA-V1-Basic EMEA-V1-Anonymous');
  const call = (path: string, method = 'GET', body?: unknown) =>
    cloud.handler(
      new Request(`${HOST}/WebAPI/emea/api/v1/${path}`, {
        method,
        headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  return { cloud, call };
}

async function v1Wire(options: EvohomeCloudOptions = {}) {
  const { cloud } = createCloud({ loginWindowMs: 0, ...options });
  const login = await cloud.handler(
    new Request(`${HOST}/WebAPI/api/session`, {
      method: 'POST',
      body: new URLSearchParams({
        applicationId: V1_APPLICATION_ID,
        username: 'demo@example.com',
        password: 'demo-password',
      }),
    }),
  );
  const { sessionId } = (await login.json()) as { sessionId: string };
  const call = (path: string, method = 'GET', body?: unknown) =>
    cloud.handler(
      new Request(`${HOST}/WebAPI/api/${path}`, {
        method,
        headers: { sessionId, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  return { cloud, call };
}

describe('simulator control routes answer as the vendor was recorded to', () => {
  it('V2 system mode: missing fields, a bad and an unsupported mode, wrong method, wrong id, wrong path', async () => {
    const { call } = await v2Wire();
    const url = 'temperatureControlSystem/3432522/mode';
    const empty = await call(url, 'PUT', {});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual(recorded('v2_error_400_parameter_is_missing.json'));
    const bad = await call(url, 'PUT', { systemMode: 'xxxxx', permanent: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject([{ code: 'InvalidInput' }]);
    const cool = await call(url, 'PUT', { systemMode: 'Cool', permanent: true });
    expect(cool.status).toBe(500);
    expect(await cool.json()).toEqual(recorded('v2_error_500_an_error_has_occurred.json'));
    const get = await call(url);
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({
      message: "The requested resource does not support http method 'GET'.",
    });
    const other = await call('temperatureControlSystem/1234567/mode', 'PUT', {
      systemMode: 'Auto',
      permanent: true,
    });
    expect(other.status).toBe(401);
    expect(await other.json()).toEqual(recorded('v2_error_401_unauthorized_not_allowed.json'));
    const wrongPath = await call('temperatureControlSystem/3432522/systemMode', 'PUT', {
      systemMode: 'Auto',
    });
    expect(wrongPath.status).toBe(404);
    expect(wrongPath.headers.get('content-type')).toContain('text/html');
    // PascalCase or camelCase: the vendor binds keys without regard to case.
    const ok = await call(url, 'PUT', {
      SystemMode: 'Away',
      TimeUntil: '2026-01-03T00:00:00Z',
      Permanent: false,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: expect.stringMatching(/^\d{10}$/) });
  });

  it('V2 zone set point: the recorded validation errors, the HTML 404 on GET, FollowSchedule', async () => {
    const { call } = await v2Wire();
    const url = 'temperatureZone/3432576/heatSetpoint';
    const noValue = await call(url, 'PUT', { setpointMode: 'PermanentOverride' });
    expect(noValue.status).toBe(400);
    expect(await noValue.json()).toEqual(recorded('v2_error_400_heat_setpoint_target_not_set.json'));
    const noUntil = await call(url, 'PUT', { setpointMode: 'TemporaryOverride', HeatSetpointValue: 19.5 });
    expect(noUntil.status).toBe(400);
    expect(await noUntil.json()).toEqual(recorded('v2_error_400_heat_setpoint_time_until_not_set.json'));
    expect((await call(url, 'PUT', { setpointMode: 'xxxxx', HeatSetpointValue: 19.5 })).status).toBe(400);
    const get = await call(url);
    expect(get.status).toBe(404);
    expect(get.headers.get('content-type')).toContain('text/html');
    const follow = await call(url, 'PUT', {
      setpointMode: 'FollowSchedule',
      HeatSetpointValue: 0,
      timeUntil: null,
    });
    expect(follow.status).toBe(200);
  });

  it('V2 hot water: ParameterIsMissing, DHWStateNotSet, DHWUntilTimeNotSet, 405 on the status PUT', async () => {
    const { call } = await v2Wire();
    const url = 'domesticHotWater/3933910/state';
    const empty = await call(url, 'PUT', {});
    expect(await empty.json()).toEqual([
      { code: 'ParameterIsMissing', parameterName: 'Mode', message: 'Parameter is missing.' },
    ]);
    const noState = await call(url, 'PUT', { mode: 'PermanentOverride' });
    expect(await noState.json()).toMatchObject([{ code: 'DHWStateNotSet' }]);
    const noUntil = await call(url, 'PUT', { mode: 'TemporaryOverride', state: 'On' });
    expect(await noUntil.json()).toMatchObject([{ code: 'DHWUntilTimeNotSet' }]);
    expect((await call(url, 'PUT', { mode: 'PermanentOverride', state: 'xxxxx' })).status).toBe(400);
    expect((await call(url)).status).toBe(405);
    const putStatus = await call('domesticHotWater/3933910/status', 'PUT', { mode: 'FollowSchedule' });
    expect(putStatus.status).toBe(405);
    expect(await putStatus.json()).toEqual(recorded('v2_error_405_method_not_allowed.json'));
    const on = await call(url, 'PUT', { Mode: 'PermanentOverride', State: 'On' });
    expect(on.status).toBe(200);
    const status = (await (await call('domesticHotWater/3933910/status')).json()) as Record<string, unknown>;
    expect(status).toEqual({
      dhwId: '3933910',
      temperatureStatus: { temperature: 38.91, isAvailable: true },
      stateStatus: { state: 'On', mode: 'PermanentOverride' },
      activeFaults: [],
    });
  });

  it('V2 schedules: null and empty uploads, ordinal days (evohome-client form), a ghost zone', async () => {
    const { call } = await v2Wire();
    const url = 'temperatureZone/3432576/schedule';
    const none = await call(url, 'PUT');
    expect(await none.json()).toEqual([
      { code: 'ParameterIsMissing', parameterName: 'request', message: 'Parameter is missing.' },
    ]);
    const empty = await call(url, 'PUT', {});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual([{ code: 'DayOfWeekMissing', message: 'One or more days missing.' }]);
    const ordinal = {
      DailySchedules: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
        DayOfWeek: day,
        Switchpoints: [{ HeatSetpoint: 21, TimeOfDay: '06:00:00' }],
      })),
    };
    expect((await call(url, 'PUT', ordinal)).status).toBe(200);
    const read = (await (await call(url)).json()) as { dailySchedules: unknown[] };
    expect(read.dailySchedules[6]).toEqual({
      dayOfWeek: 'Sunday',
      switchpoints: [{ heatSetpoint: 21, timeOfDay: '06:00:00' }],
    });
    const ghost = await call('temperatureZone/9999999/schedule');
    expect(ghost.status).toBe(400);
    expect(await ghost.json()).toEqual(recorded('v2_error_400_schedule_not_found.json'));
  });

  it('V2 commTasks: InvalidInput for a non-number, CommTaskNotFound, then Created -> Succeeded', async () => {
    const { call } = await v2Wire();
    const abc = await call('commTasks?commTaskId=ABC');
    expect(abc.status).toBe(400);
    expect(await abc.json()).toEqual(recorded('v2_error_400_invalid_input.json'));
    const unknown = await call('commTasks?commTaskId=12345678');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(recorded('v2_error_404_comm_task_not_found.json'));
    const { id } = (await (
      await call('temperatureZone/3432576/heatSetpoint', 'PUT', {
        setpointMode: 'PermanentOverride',
        HeatSetpointValue: 20,
      })
    ).json()) as { id: string };
    expect(await (await call(`commTasks?commTaskId=${id}`)).json()).toEqual({
      commtaskId: id,
      state: 'Created',
    });
    expect(await (await call(`commTasks?commTaskId=${id}`)).json()).toEqual({
      commtaskId: id,
      state: 'Succeeded',
    });
  });

  it('V2 reads: one location, gateway, status of a system; the offline zone reports its fault', async () => {
    const { call } = await v2Wire();
    const location = await call('location/2738909/installationInfo?includeTemperatureControlSystems=True');
    expect(location.status).toBe(200);
    expect(
      ((await location.json()) as { locationInfo: { locationId: string } }).locationInfo.locationId,
    ).toBe('2738909');
    expect((await call('location/2738909')).headers.get('content-type')).toContain('text/html');
    expect((await call('gateway')).status).toBe(200);
    const system = (await (await call('temperatureControlSystem/3432522/status')).json()) as {
      zones: Array<{ name: string; activeFaults: unknown[] }>;
    };
    expect(system.zones.find((zone) => zone.name === 'Loft')?.activeFaults).toEqual([
      { faultType: 'TempZoneActuatorCommunicationLost', since: '2024-12-17T17:10:57' },
    ]);
  });

  it('V1 writes: task ids, pending then Succeeded, full alert settings; unknown paths stay HTML 404', async () => {
    const { call } = await v1Wire();
    const put = await call('devices/3432576/thermostat/changeableValues/heatSetpoint', 'PUT', {
      Value: 21,
      Status: 'Hold',
      NextTime: null,
    });
    expect(put.status).toBe(200);
    const { id } = (await put.json()) as { id: string };
    expect(await (await call(`commTasks?commTaskId=${id}`)).json()).toEqual(
      recorded('v1_comm_task_state_pending.json'),
    );
    expect(await (await call(`commTasks?commTaskId=${id}`)).json()).toEqual(
      recorded('v1_comm_task_state_succeeded.json'),
    );
    const mode = await call('evoTouchSystems?locationId=2738909', 'PUT', {
      QuickAction: 'Away',
      QuickActionNextTime: null,
    });
    expect(mode.status).toBe(200);
    const locations = (await (await call('locations?userId=2263181&allData=True')).json()) as Array<{
      devices: Array<{ deviceID: number; alertSettings: Record<string, unknown> }>;
    }>;
    const recordedKeys = Object.keys(
      (recorded('v1_locations_alldata_default.json') as typeof locations)[0]?.devices[0]?.alertSettings ?? {},
    );
    expect(Object.keys(locations[0]?.devices[0]?.alertSettings ?? {})).toEqual(recordedKeys);
    expect((await call('locations', 'PUT', {})).headers.get('content-type')).toContain('text/html');
    expect((await call('xxxxxxx')).status).toBe(404);
    const other = await call('devices/2800004/thermostat/changeableValues/heatSetpoint', 'PUT', {
      Value: 21,
      Status: 'Hold',
    });
    expect(other.status).toBe(401);
  });

  it('V1 system mode can be played as retired (the HTML 404 evohome-async recorded lately)', async () => {
    const { call } = await v1Wire({ retireV1SystemMode: true });
    const mode = await call('evoTouchSystems?locationId=2738909', 'PUT', { QuickAction: 'Away' });
    expect(mode.status).toBe(404);
    expect(mode.headers.get('content-type')).toContain('text/html');
  });
});
