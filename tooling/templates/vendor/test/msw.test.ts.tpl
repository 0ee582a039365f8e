import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { __Vendor__Client, MemoryStore, NotFoundError } from '../src/index.js';
import { __Vendor__Cloud, DEMO_ACCOUNTS, FakeClock } from '../src/mock/index.js';

// The real HTTP path: the client uses the global fetch, and MSW answers with the mock.
const BASE_URL = 'https://api.__vendor__.test';
let cloud: __Vendor__Cloud;
let clock: FakeClock;
const server = setupServer(...mswHandlers(BASE_URL, (request) => cloud.handler(request)));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  clock = new FakeClock();
  cloud = new __Vendor__Cloud({ clock });
});

describe('__Vendor__Client over the global fetch (MSW)', () => {
  it('logs in, reads data, renews past expiry and maps a 404', async () => {
    const account = DEMO_ACCOUNTS[0] ?? { username: '', password: '' };
    const client = await __Vendor__Client.create({
      baseUrl: BASE_URL,
      username: account.username,
      password: account.password,
      store: new MemoryStore(),
      clock,
      env: {},
    });
    expect((await client.items()).length).toBeGreaterThan(0);
    clock.advance(cloud.accessTtlMs + 1);
    await client.items();
    expect(cloud.counts).toMatchObject({ logins: 1, refreshes: 1 });
    await expect(client.request('api/nowhere')).rejects.toBeInstanceOf(NotFoundError);
    await client.close();
  });
});
