import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TADO_CLIENT_ID } from '../src/index.js';
import { createWorld } from './world.js';

const BASE = 'https://tado.test';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/tado/${name}`, import.meta.url), 'utf8'));

describe('the simulator is faithful to tado (tado.md §7.5)', () => {
  it('takes /oauth2/* parameters as a query string (tado’s example) or a form body (PyTado)', async () => {
    const w = createWorld();
    const viaQuery = await w.fetch(
      `${BASE}/oauth2/device_authorize?client_id=${TADO_CLIENT_ID}&scope=offline_access`,
      { method: 'POST' },
    );
    const device = (await viaQuery.json()) as Record<string, unknown>;
    expect(Object.keys(device).sort()).toEqual(
      Object.keys(fixture('device-authorize.json') as object).sort(),
    );
    expect(device).toMatchObject({ expires_in: 300, interval: 0 });
    w.cloud.approve(String(device.user_code));
    const viaForm = await w.fetch(`${BASE}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: TADO_CLIENT_ID,
        device_code: String(device.device_code),
        grant_type: DEVICE_GRANT,
      }).toString(),
    });
    expect(viaForm.status).toBe(200);
    const tokens = (await viaForm.json()) as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
    };
    expect(tokens.expires_in).toBe(599);
    const [header, claims] = tokens.access_token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toMatchObject({ tado_homes: [{ id: 1907 }], iss: 'tado' });
    expect(Number(claims?.exp) - Number(claims?.iat)).toBe(600);
  });

  it('a refresh token is single use: reuse answers tado’s exact 400 body', async () => {
    const w = createWorld();
    const { refreshToken } = w.cloud.issueTokens();
    const refresh = () =>
      w.fetch(
        `${BASE}/oauth2/token?client_id=${TADO_CLIENT_ID}&grant_type=refresh_token&refresh_token=${refreshToken}`,
        { method: 'POST' },
      );
    expect((await refresh()).status).toBe(200);
    const reuse = await refresh();
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual(fixture('refresh-reuse.json'));
  });

  it('polling answers authorization_pending until approval, then expired_token after expires_in', async () => {
    const w = createWorld();
    const start = await w.fetch(`${BASE}/oauth2/device_authorize?client_id=${TADO_CLIENT_ID}`, {
      method: 'POST',
    });
    const { device_code } = (await start.json()) as { device_code: string };
    const poll = () =>
      w.fetch(
        `${BASE}/oauth2/token?client_id=${TADO_CLIENT_ID}&device_code=${device_code}&grant_type=${DEVICE_GRANT}`,
        { method: 'POST' },
      );
    const pending = await poll();
    expect(pending.status).toBe(400);
    expect(await pending.json()).toMatchObject({ error: 'authorization_pending' });
    w.clock.advance(300_000);
    expect(await (await poll()).json()).toMatchObject({ error: 'expired_token' });
  });

  it('every REST answer carries the quota headers; a spent quota is a 429 with an empty body', async () => {
    const w = createWorld({ dailyQuota: 2 });
    const { accessToken } = w.cloud.issueTokens();
    const get = () => w.fetch(`${BASE}/api/v2/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    const one = await get();
    expect(one.headers.get('ratelimit')).toBe('"perday";r=1');
    expect(one.headers.get('ratelimit-policy')).toBe('"perday";q=2;w=86400');
    const two = await get();
    expect(two.headers.get('ratelimit')).toMatch(/^"perday";r=0;t=\d+$/);
    const three = await get();
    expect(three.status).toBe(429);
    expect(await three.text()).toBe('');
    expect(three.headers.get('ratelimit')).toMatch(/^"perday";r=0;t=\d+$/);
    expect(w.cloud.counts.quotaRejected).toBe(1);
  });

  it('an expired access token gets tado’s 401 envelope', async () => {
    const w = createWorld();
    const { accessToken } = w.cloud.issueTokens();
    w.clock.advance(600_000);
    const answer = await w.fetch(`${BASE}/api/v2/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual(fixture('error-401.json'));
  });
});
