import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { mockWorld } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('cloud token refresh window', () => {
  it('skips refreshsession inside the window and renews after it', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    const first = await cozify.token();

    clock.advance(23 * HOUR);
    expect(await cozify.refresh()).toBe(true);
    expect(await cozify.ping()).toBe(true);
    expect(cloud.counts.refreshes).toBe(0);
    expect(await cozify.token()).toBe(first);

    clock.advance(2 * HOUR);
    expect(await cozify.ping()).toBe(true);
    expect(cloud.counts.refreshes).toBe(1);
    const second = await cozify.token();
    expect(second).not.toBe(first);

    // The window starts again from the renewal.
    expect(await cozify.refresh()).toBe(true);
    expect(cloud.counts.refreshes).toBe(1);
  });

  it('force renews inside the window; expiryMs narrows it per call', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    expect(await cozify.refresh({ force: true })).toBe(true);
    expect(cloud.counts.refreshes).toBe(1);
    clock.advance(2 * HOUR);
    expect(await cozify.refresh({ expiryMs: HOUR })).toBe(true);
    expect(cloud.counts.refreshes).toBe(2);
  });

  it('a refused renewal returns false and the next authenticate logs in again', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    clock.advance(2 * DAY);
    cloud.refuseRefresh(true);
    expect(await cozify.refresh()).toBe(false);
    await cozify.authenticate();
    expect(cloud.counts.logins).toBe(2);
  });

  it('a 5xx on refreshsession propagates from refresh() and keeps the valid token', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    const token = await cozify.token();
    clock.advance(2 * DAY);
    cloud.failNextRenewal(503);
    await expect(cozify.refresh()).rejects.toMatchObject({ status: 503 });
    expect(await cozify.token()).toBe(token);
    // Calls keep working with the still-valid token, and the next one renews it.
    await cozify.cloudHubs();
    expect(cloud.counts.refreshes).toBe(1);
  });

  it('clients sharing a store renew once per window, not once each', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    await client(store).authenticate();
    clock.advance(2 * DAY);
    const clients = Array.from({ length: 5 }, () => client(store));
    await Promise.all(clients.map((c) => c.refresh()));
    expect(cloud.counts.refreshes).toBe(1);
    const tokens = new Set(await Promise.all(clients.map((c) => c.token())));
    expect(tokens.size).toBe(1);
  });

  it('data calls apply the window automatically (a program that never calls refresh keeps its token)', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    for (let day = 0; day < 60; day++) {
      clock.advance(DAY + HOUR);
      await cozify.cloudHubs();
    }
    expect(cloud.counts.logins).toBe(1);
    expect(cloud.counts.refreshes).toBe(60);
  });

  it('accepts token replies in double quotes (emaillogin and refreshsession) and stores the bare JWT', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false, quoteTokens: true });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    const first = (await cozify.token()) ?? '';
    expect(first).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    clock.advance(2 * DAY);
    expect(await cozify.refresh()).toBe(true);
    expect(cloud.counts.refreshes).toBe(1);
    const second = (await cozify.token()) ?? '';
    expect(second).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(second).not.toBe(first);
    // The bare token is what the cloud accepts afterwards.
    expect(await cozify.ping({ autorefresh: false })).toBe(true);
  });

  it('tokenExpiryMs is the default window', async () => {
    const { cloud, clock, client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore(), { tokenExpiryMs: HOUR });
    expect(cozify.tokenExpiryMs).toBe(HOUR);
    await cozify.authenticate();
    clock.advance(2 * HOUR);
    await cozify.refresh();
    expect(cloud.counts.refreshes).toBe(1);
  });
});
