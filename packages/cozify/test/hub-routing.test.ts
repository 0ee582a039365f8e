import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { ErrorCodes, isTokenwiseError, MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it } from 'vitest';
import type { CozifyCloudOptions } from '../src/mock/index.js';
import { HUB_ID, mockWorld, rejectionOf } from './helpers.js';

const servers: LoopbackServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A world whose hub answers on its own loopback port. */
async function lanWorld(options: CozifyCloudOptions = {}) {
  const world = mockWorld(options);
  const hubSim = world.cloud.hub(HUB_ID);
  let server = await startLoopbackServer(hubSim.handler);
  servers.push(server);
  const port = server.port;
  const cozify = world.client(new MemoryStore(), { hubPort: port });
  return {
    ...world,
    hubSim,
    cozify,
    port,
    async stopHub() {
      await server.close();
    },
    async startHub() {
      server = await startLoopbackServer(hubSim.handler, { port });
      servers.push(server);
    },
  };
}

describe('hub access: LAN first, cloud relay as fallback', () => {
  it('finds the hub on the LAN (lan_ip + /hub probe) and calls it there with the hub key', async () => {
    const { cozify, hubSim, cloud } = await lanWorld();
    await cozify.authenticate();
    expect(await cozify.hubs()).toEqual([
      expect.objectContaining({ id: HUB_ID, host: '127.0.0.1', name: 'HubbyMcHubFace', isDefault: true }),
    ]);
    const hub = await cozify.hub();
    const devices = await hub.devices();
    expect(Object.keys(devices)).toContain('light-kitchen');
    expect(await hub.tz()).toBe('Europe/Helsinki');
    expect(hub.route).toBe('lan');
    expect(hubSim.counts.remoteRequests).toBe(0);
    expect(cloud.counts.remoteRequests).toBe(0);
  });

  it('takes the hub port from TOKENWISE_COZIFY_HUB_PORT when no hubPort option is given', async () => {
    const { port, hubSim, client } = await lanWorld();
    process.env.TOKENWISE_COZIFY_HUB_PORT = String(port);
    try {
      const cozify = client(new MemoryStore());
      await cozify.authenticate();
      const hub = await cozify.hub();
      await hub.tz();
      expect(hub.route).toBe('lan');
      expect(hubSim.counts.lanRequests).toBeGreaterThan(0);
    } finally {
      delete process.env.TOKENWISE_COZIFY_HUB_PORT;
    }
  });

  it('switches to the relay when the hub stops answering on the LAN, and back when it answers again', async () => {
    const { cozify, hubSim, clock, stopHub, startHub } = await lanWorld();
    await cozify.authenticate();
    const hub = await cozify.hub();
    await hub.tz();
    expect(hub.route).toBe('lan');

    await stopHub();
    expect(await hub.tz()).toBe('Europe/Helsinki');
    expect(hub.route).toBe('remote');
    expect(hubSim.counts.remoteRequests).toBe(1);

    await startHub();
    // Inside the retry interval the relay keeps serving: no LAN timeout on every call.
    await hub.tz();
    expect(hub.route).toBe('remote');
    clock.advance(61_000);
    await hub.tz();
    expect(hub.route).toBe('lan');
    expect(hubSim.counts.remoteRequests).toBe(2);
  });

  it('without autoremote a LAN failure is a NetworkError, not a silent relay', async () => {
    const { cozify, stopHub } = await lanWorld();
    await cozify.authenticate({ autoremote: false });
    const hub = await cozify.hub();
    await stopHub();
    const error = await rejectionOf(hub.tz());
    expect(isTokenwiseError(error, ErrorCodes.NetworkError)).toBe(true);
  });

  it('remote: true always uses the relay with the cloud token and X-Hub-Key', async () => {
    const { cozify, hubSim } = await lanWorld();
    await cozify.authenticate({ remote: true });
    const hub = await cozify.hub('HubbyMcHubFace');
    await hub.devices();
    expect(hub.route).toBe('remote');
    expect(hubSim.counts.lanRequests).toBe(0);
  });

  it('a rejected hub key is fetched again once with the cloud token: no OTP', async () => {
    const { cozify, cloud, hubSim } = await lanWorld();
    await cozify.authenticate();
    const hub = await cozify.hub();
    await hub.tz();
    const keyFetches = cloud.counts.hubKeys;
    cloud.revokeHubKeys();
    expect(await hub.tz()).toBe('Europe/Helsinki');
    expect(cloud.counts.hubKeys).toBe(keyFetches + 1);
    expect(hubSim.counts.rejected).toBe(1);
    expect(cloud.counts.otpRequests).toBe(1);
  });

  it('an expired hub key is replaced before use; the cloud token is not touched', async () => {
    const { cozify, cloud, hubSim, clock } = await lanWorld({ hubTokenTtlMs: 3_600_000 });
    await cozify.authenticate();
    const hub = await cozify.hub();
    clock.advance(2 * 3_600_000);
    await hub.tz();
    expect(hubSim.counts.rejected).toBe(0);
    expect(cloud.counts.logins).toBe(1);
    expect(cloud.counts.refreshes).toBe(0);
  });

  it('a hub key the cloud minted earlier (it reuses them) keeps its own exp: replaced before use, never sent stale', async () => {
    const world = await lanWorld({ hubTokenTtlMs: 3_600_000 });
    await world.client(new MemoryStore(), { hubPort: world.port }).authenticate();
    // 50 minutes later another store gets the same key from hubkeys, with 10 minutes left.
    world.clock.advance(50 * 60_000);
    const late = world.client(new MemoryStore(), { hubPort: world.port });
    await late.authenticate();
    world.clock.advance(20 * 60_000);
    const hub = await late.hub();
    expect(await hub.tz()).toBe('Europe/Helsinki');
    expect(world.hubSim.counts.rejected).toBe(0);
  });

  it('clients sharing a store fetch an expired hub key once, not once each', async () => {
    const world = await lanWorld({ hubTokenTtlMs: 3_600_000 });
    const store = new MemoryStore();
    await world.client(store, { hubPort: world.port }).authenticate();
    world.clock.advance(2 * 3_600_000);
    const before = world.cloud.counts.hubKeys;
    const clients = Array.from({ length: 5 }, () => world.client(store, { hubPort: world.port }));
    await Promise.all(clients.map(async (c) => (await c.hub()).tz()));
    expect(world.cloud.counts.hubKeys).toBe(before + 1);
  });

  it('a hub that is offline everywhere is a typed ApiError (408 from the relay)', async () => {
    const { cozify, hubSim, stopHub } = await lanWorld();
    await cozify.authenticate();
    await stopHub();
    hubSim.connectedToCloud = false;
    const error = await rejectionOf((await cozify.hub()).tz());
    expect(isTokenwiseError(error, ErrorCodes.ApiError)).toBe(true);
    expect((error as { status: number }).status).toBe(408);
  });

  it('sends device commands and generic calls', async () => {
    const { cozify } = await lanWorld();
    await cozify.authenticate();
    const hub = await cozify.hub(HUB_ID);
    await hub.command([{ id: 'light-kitchen', type: 'CMD_DEVICE_OFF' }]);
    expect((await hub.devices())['light-kitchen']?.state.isOn).toBe(false);
    expect(await hub.call('/hub/tz')).toBe('Europe/Helsinki');
    await expect(hub.call('  ')).rejects.toMatchObject({ code: ErrorCodes.ConfigurationError });
  });

  it('hub.request() returns the raw Response on the LAN and through the relay alike', async () => {
    const { cozify, stopHub } = await lanWorld();
    await cozify.authenticate();
    const hub = await cozify.hub(HUB_ID);
    const lan = await hub.request('hub/tz');
    expect([lan.status, await lan.json(), hub.route]).toEqual([200, 'Europe/Helsinki', 'lan']);
    await stopHub();
    const relayed = await hub.request('/devices');
    expect(relayed.status).toBe(200);
    expect(Object.keys((await relayed.json()) as object)).toContain('light-kitchen');
    expect(hub.route).toBe('remote');
    await expect(hub.request('')).rejects.toMatchObject({ code: ErrorCodes.ConfigurationError });
  });

  it('an unknown hub is a ConfigurationError naming it', async () => {
    const { cozify } = await lanWorld();
    await cozify.authenticate();
    await expect(cozify.hub('no-such-hub')).rejects.toThrow(/no-such-hub/);
  });

  it('a second run reuses stored hub keys and LAN address: no hubkeys, no OTP', async () => {
    const world = await lanWorld();
    const store = new MemoryStore();
    await world.client(store, { hubPort: world.port }).authenticate();
    const keyFetches = world.cloud.counts.hubKeys;
    const again = world.client(store, { hubPort: world.port });
    await again.authenticate();
    // The only hubkeys call is the cloud-token ping.
    expect(world.cloud.counts.hubKeys).toBe(keyFetches + 1);
    expect((await again.hub()).route).toBe('lan');
  });
});
