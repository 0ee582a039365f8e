import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EvohomeV2Client } from '../src/index.js';
import type { EvohomeCloud } from '../src/mock/index.js';
import {
  v1CommTaskSchema,
  v1FailureSchema,
  v1LocationsSchema,
  v1SessionResponseSchema,
  v1TaskSchema,
  v1UserInfoSchema,
} from '../src/schemas/v1.js';
import {
  v2FailureListSchema,
  v2FailureMessageSchema,
  v2InstallationSchema,
  v2LocationStatusSchema,
  v2ScheduleSchema,
  v2TaskSchema,
  v2TokenErrorSchema,
  v2TokenResponseSchema,
  v2UserAccountSchema,
} from '../src/schemas/v2.js';
import { temperaturesOf } from '../src/temperatures.js';
import { parseUserData } from '../src/user-data.js';
import { createCloud, demoOptions } from './harness.js';

const dir = new URL('./fixtures/evohome/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

const userDataSchema = z.unknown().refine((value) => 'data' in parseUserData(value));

// File-name prefix -> the schema of that payload. Longest prefix wins.
const SCHEMAS: Array<[string, z.ZodType]> = [
  ['v1_comm_task_state_', v1CommTaskSchema],
  ['v1_error_', v1FailureSchema],
  ['v1_locations_alldata_', v1LocationsSchema],
  ['v1_session_response_', v1SessionResponseSchema],
  ['v1_session_userinfo_', z.object({ userInfo: v1UserInfoSchema })],
  ['v1_task_accepted', v1TaskSchema],
  ['v1_user_data_restore_', userDataSchema],
  ['v2_error_405_', v2FailureMessageSchema],
  ['v2_error_500_', v2FailureMessageSchema],
  ['v2_error_', v2FailureListSchema],
  ['v2_installation_info_', v2InstallationSchema],
  ['v2_location_status_', v2LocationStatusSchema],
  ['v2_schedule_', v2ScheduleSchema],
  ['v2_task_accepted', v2TaskSchema],
  ['v2_token_error_', v2TokenErrorSchema],
  ['v2_token_response_', v2TokenResponseSchema],
  ['v2_user_account_', v2UserAccountSchema],
];

const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
const schemaFor = (name: string) =>
  SCHEMAS.filter(([prefix]) => name.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0]?.[1];

describe('recorded payloads', () => {
  it('every vendor payload has a schema (only client caches are left out)', () => {
    const uncovered = files.filter((name) => schemaFor(name) === undefined);
    expect(uncovered.every((name) => name.startsWith('cache_'))).toBe(true);
    expect(files.length - uncovered.length).toBeGreaterThanOrEqual(48);
  });

  it.each(files.filter((name) => schemaFor(name) !== undefined))('%s parses', (name) => {
    const result = schemaFor(name)?.safeParse(load(name));
    expect(result?.success, JSON.stringify(result?.error?.issues)).toBe(true);
  });

  it('turns the recorded locations into readings: 128 / NotAvailable is null, round thermostats are zones', () => {
    const readings = temperaturesOf(v1LocationsSchema.parse(load('v1_locations_alldata_default.json')));
    expect(readings).toHaveLength(10);
    expect(readings.find((r) => r.name === 'Dead Zone')).toMatchObject({
      temp: null,
      setpoint: 5,
      status: 'Hold',
    });
    const dhw = readings.find((r) => r.thermostat === 'DOMESTIC_HOT_WATER');
    expect(dhw).toMatchObject({ id: 3933910, temp: 38.91, setpoint: null, mode: 'DHWOff' });
    const round = temperaturesOf(v1LocationsSchema.parse(load('v1_locations_alldata_hass_139906.json')));
    expect(round.map((r) => [r.thermostat, r.model])).toContainEqual(['EMEA_ZONE', 'EMEA_ROUND_WIRELESS']);
  });
});

describe('the mock speaks the recorded wire format', () => {
  it('V1 login and V2 account answers carry exactly the recorded keys', async () => {
    const world = createCloud();
    const cloud: EvohomeCloud = world.cloud;
    const login = await world.fetch('https://tccna.resideo.com/WebAPI/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        Username: 'demo@example.com',
        Password: 'demo-password',
        ApplicationId: '91db1612-73fd-4500-91b2-e63b069b185c',
      }),
    });
    const body = v1SessionResponseSchema.parse(await login.json());
    const recorded = v1SessionResponseSchema.parse(load('v1_session_response_tests_rf.json'));
    expect(Object.keys(body.userInfo).sort()).toEqual(Object.keys(recorded.userInfo).sort());
    expect(body.sessionId).toMatch(/^[0-9A-F-]{36}$/);
    expect(cloud.counts.v1Logins).toBe(1);

    world.clock.advance(11_000);
    const client = new EvohomeV2Client(demoOptions(world));
    const account = await client.userAccount();
    expect(Object.keys(account).sort()).toEqual(
      Object.keys(load('v2_user_account_default.json') as object).sort(),
    );
    const [location] = await client.installation();
    expect(location).toBeDefined();
    const status = await client.locationStatus(location?.locationInfo.locationId ?? '');
    expect(status.gateways[0]?.temperatureControlSystems[0]?.zones.length).toBe(3);
    await client.close();
  });
});
