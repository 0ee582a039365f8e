import { FakeClock } from '@tokenwise/auth-core/testing';
import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, VeSync } from '../src/index.js';
import { VeSyncCloud } from '../src/mock/index.js';

const clock = new FakeClock();
const cloud = new VeSyncCloud({ clock });
// Both real hosts, served by one stateful cloud: the host decides the region, as at VeSync.
const server = setupServer(
  ...mswHandlers(DEFAULT_BASE_URL.US, cloud.handler),
  ...mswHandlers(DEFAULT_BASE_URL.EU, cloud.handler),
);

describe('over real HTTP semantics (MSW, global fetch)', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('logs a German account on the US host in across both hosts and lists its devices', async () => {
    await using vesync = new VeSync({
      username: 'altkunde@example.de',
      password: 'altkunde-password',
      countryCode: 'DE',
      clock,
    });
    expect(await vesync.login()).toBe(true);
    expect(vesync.region).toBe('US');
    const devices = await vesync.getDevices();
    expect(devices).toHaveLength(1);
    expect(devices[0]?.deviceRegion).toBe('US');
    expect(cloud.counts.crossRegion).toBe(1);
  });

  it('replays a rejected call with the new token over the wire', async () => {
    await using vesync = new VeSync({ username: 'demo@example.com', password: 'demo-password', clock });
    await vesync.getDevices();
    cloud.revokeAccessTokens();
    const logins = cloud.counts.logins;
    expect(await vesync.getDevices()).toHaveLength(3);
    expect(cloud.counts.logins).toBe(logins + 1);
    expect(cloud.requestLog.at(-1)?.token).toBe((await vesync.manager.get()).token);
  });
});
