import { FakeClock } from '@tokenwise/auth-core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConfigurationError,
  EvohomeClient,
  EvohomeTaskFailedError,
  EvohomeTaskTimeoutError,
  EvohomeV2Client,
  MemoryStore,
  NotFoundError,
} from '../src/index.js';
import { EvohomeCloud, type EvohomeCloudOptions } from '../src/mock/index.js';

/** How a scenario reaches the simulator: the clients' `baseUrl`/`fetch`, and how to stop serving. */
export interface ServedCloud {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  close(): Promise<void>;
}

/** Serves a simulator for one describe block (MSW on the vendor host, or the loopback server). */
export type ServeCloud = (cloud: EvohomeCloud) => Promise<ServedCloud>;

const HOME = { location: 2738909, system: 3432522, living: 3432576, kitchen: 3432578, dhw: 3933910 };
const fast = { intervalMs: 1, timeoutMs: 5_000 };

function world(serve: ServeCloud, options: EvohomeCloudOptions = {}) {
  const clock = new FakeClock();
  const cloud = new EvohomeCloud({ clock, ...options });
  let served: ServedCloud | undefined;
  const clients: Array<EvohomeClient | EvohomeV2Client> = [];
  const make = () => {
    const base = {
      username: 'demo@example.com',
      password: 'demo-password',
      store: new MemoryStore(),
      clock,
      ...(served?.baseUrl ? { baseUrl: served.baseUrl } : {}),
      ...(served?.fetch ? { fetch: served.fetch } : {}),
    };
    const v1 = new EvohomeClient(base);
    const v2 = new EvohomeV2Client(base);
    clients.push(v1, v2);
    return { v1, v2 };
  };
  return {
    clock,
    cloud,
    make,
    async start() {
      served = await serve(cloud);
    },
    async stop() {
      for (const client of clients) await client.close();
      await served?.close();
    },
  };
}

function zoneOf(status: Awaited<ReturnType<EvohomeV2Client['locationStatus']>>, zoneId: number) {
  return status.gateways
    .flatMap((gateway) => gateway.temperatureControlSystems)
    .flatMap((system) => system.zones)
    .find((zone) => zone.zoneId === String(zoneId));
}

/** The control scenarios, run once per transport. */
export function describeControlScenarios(transport: string, serve: ServeCloud): void {
  describe(`control calls through ${transport}`, () => {
    const w = world(serve);
    let v1: EvohomeClient;
    let v2: EvohomeV2Client;
    beforeAll(async () => {
      await w.start();
      ({ v1, v2 } = w.make());
      await v2.userAccount();
      // Logins of one account are kept 10 s apart (V1 and V2 share the vendor's limit).
      w.clock.advance(11_000);
      await v1.temperatures();
    });
    afterAll(() => w.stop());

    it('V2: a permanent zone override is read back in the location status and zone status, then cancelled', async () => {
      const task = await v2.setZoneSetpoint(HOME.living, 21.5);
      expect(task).toMatch(/^\d+$/);
      await v2.waitForTask(task, fast);
      const zone = zoneOf(await v2.locationStatus(HOME.location), HOME.living);
      expect(zone?.setpointStatus).toEqual({
        targetHeatTemperature: 21.5,
        setpointMode: 'PermanentOverride',
      });
      expect((await v2.zoneStatus(String(HOME.living))).setpointStatus.targetHeatTemperature).toBe(21.5);

      await v2.waitForTask(await v2.cancelZoneOverride(HOME.living), fast);
      expect((await v2.zoneStatus(HOME.living)).setpointStatus).toEqual({
        targetHeatTemperature: 19.5,
        setpointMode: 'FollowSchedule',
      });
    });

    it('V2: a temporary override carries its end, and ends by itself when that time has passed', async () => {
      const until = new Date(w.clock.now() + 60 * 60_000);
      await v2.waitForTask(await v2.setZoneSetpoint(HOME.kitchen, 22, { until }), fast);
      const setpoint = (await v2.zoneStatus(HOME.kitchen)).setpointStatus;
      expect(setpoint).toEqual({
        targetHeatTemperature: 22,
        setpointMode: 'TemporaryOverride',
        until: `${until.toISOString().slice(0, 19)}Z`,
      });
      w.clock.advance(61 * 60_000);
      expect((await v2.zoneStatus(HOME.kitchen)).setpointStatus.setpointMode).toBe('FollowSchedule');
    });

    it('V2: system mode, permanent and until a time, shows in the system status', async () => {
      await v2.waitForTask(await v2.setSystemMode(HOME.system, 'AutoWithEco'), fast);
      expect((await v2.systemStatus(HOME.system)).systemModeStatus).toEqual({
        mode: 'AutoWithEco',
        isPermanent: true,
      });
      const until = new Date(w.clock.now() + 2 * 24 * 3_600_000);
      await v2.waitForTask(await v2.setSystemMode(HOME.system, 'Away', { until }), fast);
      const status = await v2.locationStatus(HOME.location);
      expect(status.gateways[0]?.temperatureControlSystems[0]?.systemModeStatus).toEqual({
        mode: 'Away',
        isPermanent: false,
        timeUntil: `${until.toISOString().slice(0, 19)}Z`,
      });
      await v2.waitForTask(await v2.setSystemMode(HOME.system, 'Auto'), fast);
    });

    it('V2: hot water on, then back to its schedule', async () => {
      await v2.waitForTask(await v2.setHotWaterState(HOME.dhw, 'On'), fast);
      expect((await v2.hotWaterStatus(HOME.dhw)).stateStatus).toEqual({
        state: 'On',
        mode: 'PermanentOverride',
      });
      await v2.waitForTask(await v2.cancelHotWaterOverride(HOME.dhw), fast);
      expect((await v2.hotWaterStatus(HOME.dhw)).stateStatus).toEqual({
        state: 'Off',
        mode: 'FollowSchedule',
      });
    });

    it('V2: zone and hot-water schedules round-trip: get, change, set, get', async () => {
      const schedule = await v2.zoneSchedule(HOME.living);
      expect(schedule.dailySchedules.map((day) => day.dayOfWeek)).toEqual([
        'Monday',
        'Tuesday',
        'Wednesday',
        'Thursday',
        'Friday',
        'Saturday',
        'Sunday',
      ]);
      const changed = structuredClone(schedule) as {
        dailySchedules: Array<{
          dayOfWeek: string;
          switchpoints: Array<{ timeOfDay: string; heatSetpoint: number }>;
        }>;
      };
      const first = changed.dailySchedules[0]?.switchpoints[0];
      if (first === undefined) throw new Error('the schedule has no switchpoint');
      first.heatSetpoint = 20.5;
      first.timeOfDay = '06:30';
      await v2.waitForTask(await v2.setZoneSchedule(HOME.living, changed), fast);
      expect((await v2.zoneSchedule(HOME.living)).dailySchedules[0]?.switchpoints[0]).toEqual({
        heatSetpoint: 20.5,
        timeOfDay: '06:30:00',
      });

      const water = await v2.hotWaterSchedule(HOME.dhw);
      const days = water.dailySchedules.map((day) => ({
        dayOfWeek: day.dayOfWeek,
        switchpoints: [
          { timeOfDay: '05:00', dhwState: 'On' as const },
          { timeOfDay: '07:00', dhwState: 'Off' as const },
        ],
      }));
      await v2.waitForTask(await v2.setHotWaterSchedule(HOME.dhw, { dailySchedules: days }), fast);
      expect((await v2.hotWaterSchedule(HOME.dhw)).dailySchedules[6]?.switchpoints).toEqual([
        { dhwState: 'On', timeOfDay: '05:00:00' },
        { dhwState: 'Off', timeOfDay: '07:00:00' },
      ]);
    });

    it('V2: one location, gateways, and task states Created -> Succeeded', async () => {
      const location = await v2.locationInstallation(HOME.location);
      expect(location.locationInfo.locationId).toBe(String(HOME.location));
      expect(location.gateways[0]?.temperatureControlSystems[0]?.allowedSystemModes?.length).toBe(7);
      const gateways = await v2.gateways();
      expect(gateways.map((gateway) => gateway.gatewayInfo?.gatewayId)).toEqual(['2499896', '2513794']);
      const task = await v2.setZoneSetpoint(HOME.living, 18);
      expect(await v2.taskState(task)).toBe('Created');
      expect(await v2.taskState(task)).toBe('Succeeded');
      await v2.cancelZoneOverride(HOME.living);
    });

    it('V1: setpoint hold and until, cancel, hot water and system mode, read back through alldata and V2', async () => {
      const task = await v1.setZoneSetpoint(HOME.living, 23);
      expect(await v1.taskState(task)).toBe('pending');
      await v1.waitForTask(task, fast);
      let living = (await v1.temperatures()).find((reading) => reading.id === HOME.living);
      expect(living).toMatchObject({ setpoint: 23, status: 'Hold' });

      const until = new Date(w.clock.now() + 30 * 60_000);
      await v1.waitForTask(await v1.setZoneSetpoint(HOME.living, 17.5, { until }), fast);
      const [location] = await v1.locations();
      const device = location?.devices.find((candidate) => candidate.deviceID === HOME.living);
      expect(device?.thermostat.changeableValues.heatSetpoint).toEqual({
        value: 17.5,
        status: 'Temporary',
        nextTime: `${until.toISOString().slice(0, 19)}Z`,
      });

      await v1.waitForTask(await v1.cancelZoneOverride(HOME.living), fast);
      living = (await v1.temperatures()).find((reading) => reading.id === HOME.living);
      expect(living).toMatchObject({ setpoint: 19.5, status: 'Scheduled' });

      await v1.waitForTask(await v1.setHotWaterState(HOME.dhw, 'On'), fast);
      expect((await v1.temperatures()).find((reading) => reading.id === HOME.dhw)).toMatchObject({
        mode: 'DHWOn',
        status: 'Hold',
      });
      await v1.waitForTask(await v1.cancelHotWaterOverride(HOME.dhw), fast);

      await v1.waitForTask(await v1.setSystemMode(HOME.location, 'HeatingOff'), fast);
      expect((await v2.systemStatus(HOME.system)).systemModeStatus).toMatchObject({ mode: 'HeatingOff' });
      await v1.waitForTask(await v1.setSystemMode(HOME.location, 'Auto'), fast);
    });

    it('vendor error envelopes become typed errors', async () => {
      // Someone else's zone: the recorded 401 "not allowed" after one fresh-token retry.
      const otherZone = await v2.setZoneSetpoint(2800004, 20).catch((error: unknown) => error);
      expect(otherZone).toBeInstanceOf(ApiError);
      expect(otherZone).toMatchObject({ status: 401, vendorCode: 'Unauthorized' });
      // A zone nobody has: the recorded 400 ScheduleNotFound.
      const ghost = await v2.zoneSchedule('9999999').catch((error: unknown) => error);
      expect(ghost).toMatchObject({ status: 400, vendorCode: 'ScheduleNotFound' });
      const unknownTask = await v2.taskState('12345678').catch((error: unknown) => error);
      expect(unknownTask).toBeInstanceOf(NotFoundError);
      expect(unknownTask).toMatchObject({ status: 404, vendorCode: 'CommTaskNotFound' });
      const request = await v2
        .request('temperatureZone/3432576/heatSetpoint')
        .catch((error: unknown) => error);
      expect(request).toBeInstanceOf(NotFoundError);
      const wrongMethod = await v2
        .request('temperatureControlSystem/3432522/mode')
        .catch((error: unknown) => error);
      expect(wrongMethod).toMatchObject({ status: 405 });
    });

    it('bad arguments are ConfigurationErrors before any request', async () => {
      const before = w.cloud.counts.requests;
      const now = w.clock.now();
      const attempts: Array<() => Promise<unknown>> = [
        () => v2.setZoneSetpoint('zone-1', 20),
        () => v2.setZoneSetpoint(HOME.living, 36),
        () => v2.setZoneSetpoint(HOME.living, 4.5),
        () => v2.setZoneSetpoint(HOME.living, Number.NaN),
        () => v2.setZoneSetpoint(HOME.living, 20, { until: new Date(now - 1) }),
        () => v2.setZoneSetpoint(HOME.living, 20, { until: new Date('nope') }),
        () => v2.setSystemMode(HOME.system, 'Cool' as 'Auto'),
        () => v2.setHotWaterState(HOME.dhw, 'on' as 'On'),
        () => v2.cancelZoneOverride(HOME.living, { until: new Date(now + 1000) } as object),
        () => v2.setZoneSchedule(HOME.living, { dailySchedules: [] }),
        () => v2.waitForTask('abc'),
        () => v2.waitForTask('1', { timeoutMs: -1 }),
        () => v1.setZoneSetpoint(-1, 20),
        () => v1.setSystemMode(HOME.location, 'AutoWithReset' as 'Auto'),
        () => v1.setZoneSetpoint(HOME.living, 50),
      ];
      for (const attempt of attempts) {
        await expect(attempt()).rejects.toBeInstanceOf(ConfigurationError);
      }
      expect(w.cloud.counts.requests).toBe(before);
    });
  });

  describe(`task waits through ${transport}`, () => {
    it('a failed task is EvohomeTaskFailedError; a task that never ends is EvohomeTaskTimeoutError', async () => {
      const w = world(serve, { taskPendingPolls: 2 });
      await w.start();
      try {
        const { v2 } = w.make();
        w.cloud.failNextTask();
        const failed = await v2
          .waitForTask(await v2.setZoneSetpoint(HOME.living, 20), fast)
          .catch((error: unknown) => error);
        expect(failed).toBeInstanceOf(EvohomeTaskFailedError);
        expect(failed).toMatchObject({ state: 'Failed', code: 'TOKENWISE_API' });

        w.cloud.setTaskPendingPolls(Number.POSITIVE_INFINITY);
        const task = await v2.setZoneSetpoint(HOME.living, 20);
        const timedOut = await v2
          .waitForTask(task, { intervalMs: 1, timeoutMs: 4 })
          .catch((error: unknown) => error);
        expect(timedOut).toBeInstanceOf(EvohomeTaskTimeoutError);
        expect(timedOut).toMatchObject({ taskId: task, lastState: 'Running', code: 'TOKENWISE_TIMEOUT' });
      } finally {
        await w.stop();
      }
    });
  });
}
