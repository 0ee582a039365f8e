import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { V1_APPLICATION_ID } from '../src/constants.js';
import { createCloud, v2WireToken } from './harness.js';

const HOST = 'https://tccna.resideo.com';
const dir = new URL('./fixtures/evohome/', import.meta.url);
const recorded = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

/** Every key path of a payload (`.gateways[].gatewayInfo.mac`), so shapes compare without values. */
function keyPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${path}[]`, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.add(`${path}.${key}`);
      keyPaths(item, `${path}.${key}`, out);
    }
  }
  return out;
}

async function payloads() {
  const { cloud } = createCloud({ loginWindowMs: 0 });
  const accessToken = await v2WireToken(cloud);
  const v2 = async (path: string) =>
    (
      await cloud.handler(
        new Request(`${HOST}/WebAPI/emea/api/v1/${path}`, {
          headers: { authorization: `bearer ${accessToken}` },
        }),
      )
    ).json();
  const session = await cloud.handler(
    new Request(`${HOST}/WebAPI/api/session`, {
      method: 'POST',
      body: new URLSearchParams({
        applicationId: V1_APPLICATION_ID,
        username: 'demo@example.com',
        password: 'demo-password',
      }),
    }),
  );
  const { sessionId } = (await session.json()) as { sessionId: string };
  const v1 = await cloud.handler(
    new Request(`${HOST}/WebAPI/api/locations?userId=2263181&allData=True`, { headers: { sessionId } }),
  );
  return {
    v1Locations: await v1.json(),
    installation: await v2('location/installationInfo?userId=2263181&includeTemperatureControlSystems=True'),
    status: await v2('location/2738909/status?includeTemperatureControlSystems=True'),
    zoneSchedule: await v2('temperatureZone/3432576/schedule'),
    dhwSchedule: await v2('domesticHotWater/3933910/schedule'),
  };
}

describe('simulator payloads are as full as the recordings', () => {
  it('V1 alldata (alert settings included), V2 installation, status (faults included) and schedules have every recorded key and no other', async () => {
    const mine = await payloads();
    const pairs: Array<[string, unknown]> = [
      ['v1_locations_alldata_default.json', mine.v1Locations],
      ['v2_installation_info_default.json', mine.installation],
      ['v2_location_status_2738909_default.json', mine.status],
      ['v2_schedule_zone_default.json', mine.zoneSchedule],
      ['v2_schedule_dhw_default.json', mine.dhwSchedule],
    ];
    for (const [name, payload] of pairs) {
      expect([...keyPaths(payload)].sort(), name).toEqual([...keyPaths(recorded(name))].sort());
    }
  });
});
