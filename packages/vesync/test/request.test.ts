import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError } from '../src/index.js';
import { setupCloud } from './helpers.js';

describe('request(): any endpoint, authorized like the wrapped calls', () => {
  let env = setupCloud();
  afterEach(async () => {
    await env.closeAll();
    env = setupCloud();
  });

  it('logs in, puts the token, account id and the standard fields in the body, and returns the response', async () => {
    const seen: Record<string, unknown>[] = [];
    const spy: typeof fetch = async (input, init) => {
      seen.push(JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>);
      return env.fetch(input, init);
    };
    const vesync = env.client({ fetch: spy, timeZone: 'Europe/Berlin' });
    const response = await vesync.request('cloud/v1/deviceManaged/devices', {
      json: { method: 'devices', pageNo: 1, pageSize: 1 },
    });
    const body = (await response.json()) as { code: number; result: { list: unknown[]; total: number } };
    expect(body.code).toBe(0);
    expect(body.result.list).toHaveLength(1);
    expect(body.result.total).toBe(3);
    const session = await vesync.manager.get();
    expect(seen.at(-1)).toMatchObject({
      method: 'devices',
      token: session.token,
      accountID: session.accountId,
      timeZone: 'Europe/Berlin',
      acceptLanguage: 'en',
      phoneOS: 'Android',
      traceId: expect.any(String),
    });
    expect(env.cloud.counts.logins).toBe(1);
  });

  it('refuses a bad path or unknown options before any request', async () => {
    const vesync = env.client();
    await expect(vesync.request(5 as never)).rejects.toThrow('request() path must be a non-empty string');
    await expect(vesync.request('x', { jsn: {} } as never)).rejects.toThrow(
      'request() option `jsn` is not a known option (did you mean `json`?)',
    );
    await expect(vesync.request('x', { signal: 'stop' } as never)).rejects.toThrow(
      'request() option `signal`',
    );
    expect(env.cloud.counts).toMatchObject({ logins: 0, requests: 0 });
  });

  it('renews once and replays with the new token when VeSync rejects the token', async () => {
    const vesync = env.client();
    await vesync.login();
    const old = (await vesync.manager.get()).token;
    env.cloud.revokeAccessTokens();
    const response = await vesync.request('cloud/v1/deviceManaged/devices', { json: { method: 'devices' } });
    expect(((await response.json()) as { code: number }).code).toBe(0);
    expect(env.cloud.counts.logins).toBe(2);
    expect(env.cloud.requestLog.at(-1)?.token).not.toBe(old);
    expect(env.cloud.requestLog.at(-1)?.code).toBe(0);
  });
});

describe('maxBackOffMs is forwarded to the session manager', () => {
  it('0 keeps no login back-off after a rate limit; the default keeps one', async () => {
    const env = setupCloud();
    const patient = env.client();
    env.cloud.rateLimitNextLogin();
    const first = await patient.getDevices().catch((e: unknown) => e);
    expect(isTokenwiseError(first, ErrorCodes.RateLimitError)).toBe(true);
    const again = await patient.getDevices().catch((e: unknown) => e);
    expect(isTokenwiseError(again, ErrorCodes.RateLimitError)).toBe(true);

    const eager = env.client({ maxBackOffMs: 0 });
    env.cloud.rateLimitNextLogin();
    const refused = await eager.getDevices().catch((e: unknown) => e);
    expect(isTokenwiseError(refused, ErrorCodes.RateLimitError)).toBe(true);
    expect(await eager.getDevices()).toHaveLength(3);
    await env.closeAll();
  });
});
