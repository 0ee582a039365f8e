import { FakeClock } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cozify, DEFAULT_CLOUD_URL } from '../src/index.js';
import { CozifyCloud } from '../src/mock/index.js';

const clock = new FakeClock();
const cloud = new CozifyCloud({ clock, sameNat: false });
const server = setupServer(...mswHandlers(DEFAULT_CLOUD_URL, cloud.handler));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('over real HTTP interception (MSW) with the global fetch and the default cloud host', () => {
  it('logs in with an OTP, fetches hub keys and calls the hub through the relay', async () => {
    const cozify = new Cozify({
      email: 'demo@example.com',
      store: new MemoryStore(),
      clock,
      otp: async ({ email }) => cloud.lastOtp(email) ?? '',
    });
    await cozify.authenticate();
    const hub = await cozify.hub();
    expect(Object.keys(await hub.devices())).toContain('sensor-door');
    expect(hub.route).toBe('remote');
    expect(cloud.counts).toMatchObject({ logins: 1, remoteRequests: 2 });
    await cozify.close();
  });
});
