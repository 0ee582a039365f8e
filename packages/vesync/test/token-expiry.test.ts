import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError } from '../src/index.js';
import { setupCloud } from './helpers.js';

describe('expired or rejected tokens', () => {
  let env = setupCloud();
  afterEach(async () => {
    await env.closeAll();
    env = setupCloud();
  });

  it('a token rejected mid-session costs exactly one login, and the replay carries the NEW token', async () => {
    const vesync = env.client();
    await vesync.getDevices();
    const old = (await vesync.manager.get()).token;
    env.cloud.revokeAccessTokens();
    const before = env.cloud.requestLog.length;

    expect(await vesync.getDevices()).toHaveLength(3);

    const fresh = (await vesync.manager.get()).token;
    expect(fresh).not.toBe(old);
    expect(env.cloud.counts.logins).toBe(2);
    const calls = env.cloud.requestLog.slice(before);
    expect(calls.map((c) => [c.token === old ? 'old' : c.token === fresh ? 'new' : '?', c.code])).toEqual([
      ['old', -11001022],
      ['new', 0],
    ]);
  });

  it('a token past its JWT expiry is renewed before use, without a rejected call', async () => {
    const vesync = env.client();
    await vesync.getDevices();
    env.clock.advance(env.cloud.tokenTtlMs);
    await vesync.getDevices();
    expect(env.cloud.counts.logins).toBe(2);
    expect(env.cloud.counts.rejectedRequests).toBe(0);
  });

  it('50 concurrent getDevices() on an expired token cause one login', async () => {
    const vesync = env.client();
    await vesync.getDevices();
    env.clock.advance(env.cloud.tokenTtlMs + 60_000);
    const results = await Promise.all(Array.from({ length: 50 }, () => vesync.getDevices()));
    expect(results.every((devices) => devices.length === 3)).toBe(true);
    expect(env.cloud.counts.logins).toBe(2);
  });

  it('50 concurrent getDevices() on a server-side revoked token cause one login', async () => {
    const vesync = env.client();
    await vesync.getDevices();
    env.cloud.revokeAccessTokens();
    await Promise.all(Array.from({ length: 50 }, () => vesync.getDevices()));
    expect(env.cloud.counts.logins).toBe(2);
  });

  it('never loops when VeSync keeps rejecting: one replay, then TokenExpiredError', async () => {
    const vesync = env.client();
    await vesync.getDevices();
    env.cloud.rejectAllRequests(true);
    const requests = env.cloud.counts.requests;
    const error = await vesync.getDevices().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.TokenExpiredError)).toBe(true);
    expect(env.cloud.counts.requests - requests).toBe(2);
    expect(env.cloud.counts.logins).toBe(2);
    expect(vesync.lastError).toBe(error);
  });

  it('treats HTTP 401/419 answers as a rejected token too', async () => {
    for (const status of [401, 419] as const) {
      env = setupCloud({ tokenErrorStatus: status });
      const vesync = env.client();
      await vesync.getDevices();
      env.cloud.revokeAccessTokens();
      expect(await vesync.getDevices()).toHaveLength(3);
      expect(env.cloud.counts.logins).toBe(2);
      await env.closeAll();
    }
  });

  it('reads every page of the device list', async () => {
    const vesync = env.client({ username: 'many-devices@example.com', password: 'many-devices-password' });
    const devices = await vesync.getDevices();
    expect(devices).toHaveLength(250);
    expect(new Set(devices.map((d) => d.cid)).size).toBe(250);
  });

  it('maps the daily request quota on data calls to RateLimitError', async () => {
    env = setupCloud({ dailyRequestQuota: () => 1 });
    const vesync = env.client();
    await vesync.getDevices();
    const error = await vesync.getDevices().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
  });
});
