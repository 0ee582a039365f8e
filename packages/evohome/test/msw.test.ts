import { FakeClock } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, EvohomeClient, EvohomeV2Client, MemoryStore } from '../src/index.js';
import { EvohomeCloud } from '../src/mock/index.js';

const clock = new FakeClock();
const cloud = new EvohomeCloud({ clock });
const seen: Array<{ method: string; path: string; headers: Headers; body: string }> = [];
const server = setupServer(
  ...mswHandlers(DEFAULT_BASE_URL, async (request) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
      body: await request.clone().text(),
    });
    return cloud.handler(request);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('over real fetch intercepted by MSW (no fetch option, default host)', () => {
  it('V1 and V2 clients sharing a store work against the vendor host, with the documented wire format', async () => {
    const store = new MemoryStore();
    const options = { username: 'Demo@Example.com', password: 'demo-password', store, clock };
    await using v1 = new EvohomeClient(options);
    await using v2 = new EvohomeV2Client(options);
    expect(seen).toHaveLength(0);

    const readings = await v1.temperatures();
    expect(readings.map((r) => r.name)).toContain('Living Room');
    clock.advance(11_000);
    const [location] = await v2.installation();
    const status = await v2.locationStatus(location?.locationInfo.locationId ?? '');
    expect(status.locationId).toBe('2738909');

    const login = seen.find((r) => r.path === '/WebAPI/api/session');
    expect(login?.method).toBe('POST');
    expect(new URLSearchParams(login?.body).get('applicationId')).toBe(
      '91db1612-73fd-4500-91b2-e63b069b185c',
    );
    const token = seen.find((r) => r.path === '/Auth/OAuth/Token');
    expect(token?.headers.get('authorization')).toMatch(/^Basic /);
    expect(new URLSearchParams(token?.body).get('grant_type')).toBe('password');
    expect(token?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    const grant = new URLSearchParams(token?.body);
    expect(grant.get('scope')).toBe('EMEA-V1-Basic EMEA-V1-Anonymous');
    // The vendor reads these two keys case-sensitively.
    expect(grant.get('Username')).toBe('Demo@Example.com');
    expect(grant.has('Password')).toBe(true);
    expect(login?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(seen.find((r) => r.path.startsWith('/WebAPI/api/locations?'))?.path).toBe(
      '/WebAPI/api/locations?userId=2263181&allData=True',
    );
    const gets = seen.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(4);
    // The Python client leaks the login body on GET; never do that.
    for (const get of gets) {
      expect(get.body).toBe('');
      expect(get.headers.get('accept')).toBe('application/json');
      expect(get.path).not.toContain('demo-password');
    }
    expect(gets.find((r) => r.path.startsWith('/WebAPI/api/'))?.headers.get('sessionid')).toMatch(
      /^[0-9A-F-]{36}$/,
    );
    expect(gets.find((r) => r.path.startsWith('/WebAPI/emea/'))?.headers.get('authorization')).toMatch(
      /^bearer /,
    );
  });
});
