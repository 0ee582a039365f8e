import { readFileSync } from 'node:fs';
import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ErrorCodes,
  isTokenwiseError,
  NotFoundError,
  RateLimitError,
  type Tado,
} from '../src/index.js';
import { createWorld, rejectionOf } from './world.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/tado/${name}`, import.meta.url), 'utf8'));

/** A logged-in client whose REST answers (not its OAuth calls) come from `answer`. */
async function clientAnswering(
  answer: (path: string, request: Request) => Response | undefined,
): Promise<Tado> {
  const w = createWorld();
  const store = new MemoryStore();
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    return (path.startsWith('/api/v2/') ? answer(path.slice(7), request) : undefined) ?? w.fetch(request);
  };
  const client = w.approvingClient({ store, fetch });
  await client.login();
  return client;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('me(): the homes / homeId / {} variants', () => {
  it('homes, as recorded', async () => {
    const client = await clientAnswering(() => json(fixture('me.json')));
    const me = await client.me();
    expect(me.homes).toEqual([{ id: 1907, name: 'Home' }]);
    expect(me.email).toBe('john_doe@gmail.com');
    await client.close();
  });

  it('homeId only', async () => {
    const client = await clientAnswering(() => json({ homeId: 1234 }));
    expect((await client.me()).homes).toEqual([{ id: 1234 }]);
    await client.close();
  });

  it('{}: the homes come from the access token’s tado_homes claim', async () => {
    const client = await clientAnswering(() => json({}));
    expect((await client.me()).homes).toEqual([{ id: 1907 }]);
    await client.close();
  });
});

describe('zones and zone states (recorded payloads)', () => {
  it('zones(), zoneStates(), zoneState()', async () => {
    const client = await clientAnswering((path) => {
      if (path === '/homes/1907/zones') return json(fixture('zones.json'));
      if (path === '/homes/1907/zoneStates') return json(fixture('zone-states.json'));
      if (path === '/homes/1907/zones/1/state') return json(fixture('zone-state-manual.json'));
      return undefined;
    });
    expect((await client.zones(1907))[0]).toMatchObject({ id: 1, name: 'Heating', type: 'HEATING' });
    const states = await client.zoneStates(1907);
    expect(states['1']?.sensorDataPoints?.insideTemperature?.celsius).toBe(23.27);
    const state = await client.zoneState(1907, 1);
    expect(state.overlay?.termination?.typeSkillBasedApp).toBe('MANUAL');
    await client.close();
  });
});

describe('overlays: 200 with a body or 204', () => {
  const heat = {
    setting: { type: 'HEATING', power: 'ON' as const, temperature: { celsius: 21 } },
    termination: { typeSkillBasedApp: 'MANUAL' as const },
  };

  it('200 with the overlay (recorded payload)', async () => {
    let sent: unknown;
    const client = await clientAnswering((path, request) => {
      if (path !== '/homes/1907/zones/1/overlay') return undefined;
      sent = request.method;
      return json(fixture('overlay.json'));
    });
    const overlay = await client.setZoneOverlay(1907, 1, heat);
    expect(sent).toBe('PUT');
    expect(overlay?.setting.temperature?.fahrenheit).toBe(69.8);
    await client.close();
  });

  it('204 without a body, and DELETE back to the schedule, against the simulator', async () => {
    const w = createWorld({ overlayNoContent: true });
    const client = w.approvingClient();
    expect(await client.setZoneOverlay(1907, 2, heat)).toBeUndefined();
    expect((await client.zoneState(1907, 2)).overlayType).toBe('MANUAL');
    await client.deleteZoneOverlay(1907, 2);
    expect((await client.zoneState(1907, 2)).overlay).toBeNull();
    await client.close();
  });
});

describe('the REST error envelope maps to core errors', () => {
  it('403 accessDenied is an ApiError (not an auth failure) with tado’s code', async () => {
    const w = createWorld();
    const client = w.approvingClient();
    const error = await rejectionOf(client.zones(1277320));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, vendorCode: 'accessDenied' });
    expect(w.cloud.counts.logins).toBe(1);
    await client.close();
  });

  it('404 is a NotFoundError', async () => {
    const w = createWorld();
    const client = w.approvingClient();
    expect(await rejectionOf(client.zoneState(1907, 99))).toBeInstanceOf(NotFoundError);
    await client.close();
  });

  it('401 renews once and replays; the recorded 401 body does not leak into a loop', async () => {
    const w = createWorld();
    const client = w.approvingClient();
    await client.me();
    w.cloud.revokeAccessTokens();
    await client.me();
    expect(w.cloud.counts.refreshes).toBe(1);
    expect(w.cloud.counts.rejectedRequests).toBe(1);
    await client.close();
  });

  it('a spent quota: 429 with an empty body is a RateLimitError with the refill time, never an auth failure', async () => {
    const w = createWorld({ dailyQuota: 3 });
    const client = w.approvingClient();
    await client.me();
    await client.me();
    await client.me();
    const logins = w.cloud.counts.logins;
    const error = await rejectionOf(client.me());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    expect(w.cloud.counts.logins).toBe(logins);
    expect(w.cloud.counts.refreshes).toBe(0);
    await client.close();
  });

  it('request() reaches any path with the session', async () => {
    const w = createWorld();
    const client = w.approvingClient();
    const response = await client.request('homes/1907/zones/1/state');
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toMatch(/^"perday";r=\d+$/);
    await client.close();
  });
});
