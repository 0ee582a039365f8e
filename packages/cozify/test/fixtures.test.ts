import { readFile } from 'node:fs/promises';
import { decodeJwtClaims } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import {
  devicesSchema,
  hubInfoSchema,
  hubKeysSchema,
  lanIpsSchema,
  parsePythonCozifyState,
  timeZoneSchema,
} from '../src/index.js';
import { jwtTextSchema } from '../src/schemas.js';

const dir = new URL('./fixtures/cozify/', import.meta.url);
const load = async (name: string) =>
  JSON.parse(await readFile(new URL(name, dir), 'utf8')) as Record<string, unknown>;

describe('recorded and derived Cozify payloads parse', () => {
  it('hub devices (recorded)', async () => {
    const devices = devicesSchema.parse((await load('hub_devices.response.recorded.json')).body);
    expect(Object.keys(devices)).toHaveLength(5);
    expect(Object.values(devices).every((device) => typeof device.state.type === 'string')).toBe(true);
  });

  it('hubkeys, lan_ip and hub tz', async () => {
    const hubKeys = (await load('hubkeys.response.derived.json')).response as { body: unknown };
    expect(Object.keys(hubKeysSchema.parse(hubKeys.body))).toEqual(['deadbeef-aaaa-bbbb-cccc-tmphubdddddd']);
    const lanIp = (await load('lan_ip.exchange.test.json')).response as { body: unknown };
    expect(lanIpsSchema.parse(lanIp.body)).toEqual(['127.0.0.1']);
    const tz = (await load('hub_tz.exchange.test.json')).response as { body: unknown };
    expect(timeZoneSchema.parse(tz.body)).toBe('Europe/Helsinki');
  });

  it('emaillogin answers a raw token whose claims say 28 days', async () => {
    const exchange = (await load('emaillogin.exchange.test.json')).response as { body_text: string };
    const token = jwtTextSchema.parse(exchange.body_text);
    const claims = decodeJwtClaims(token);
    expect(Number(claims?.exp) - Number(claims?.iat)).toBeGreaterThanOrEqual(28 * 86_400);
    const sample = await load('cloud_token.test_sample.json');
    expect(token).toBe(sample.token);
  });

  it('requestlogin answers null', async () => {
    const exchange = (await load('requestlogin.exchange.test.json')).response as { body_text: string };
    expect(JSON.parse(exchange.body_text)).toBeNull();
  });

  it('the python-cozify INI layout: placeholders are refused as tokens, the rest parses', async () => {
    const text = await readFile(new URL('python-cozify.cfg.derived.ini', dir), 'utf8');
    expect(() => parsePythonCozifyState(text)).toThrow(/remotetoken/);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln';
    const state = parsePythonCozifyState(text.replaceAll(/<[A-Z_]+_JWT>/g, jwt));
    expect(state).toMatchObject({
      email: 'user@example.com',
      cloudToken: jwt,
      defaultHub: 'deadbeef-aaaa-bbbb-cccc-tmphubdddddd',
      hubs: [
        {
          id: 'deadbeef-aaaa-bbbb-cccc-tmphubdddddd',
          host: '192.168.1.10',
          name: 'HubbyMcHubFace',
          token: jwt,
          remote: false,
          autoremote: true,
        },
      ],
    });
    expect(state.lastRefresh).toBe(new Date(2018, 0, 14, 19, 22, 15).getTime());
  });

  it('a hub description with unexpected optional fields still identifies the hub', () => {
    const info = hubInfoSchema.parse({
      hubId: 'h1',
      name: 'Cabin',
      features: { zwave: true },
      state: 3,
      connected: 'yes',
    });
    expect(info).toMatchObject({ hubId: 'h1', name: 'Cabin' });
    expect(info.connected).toBeUndefined();
  });

  it('hub key claims name the hub', async () => {
    const claims = (await load('hub_token.claims.test.json')).payload as Record<string, unknown>;
    expect(claims).toMatchObject({ hub_id: expect.any(String), hub_name: 'HubbyMcHubFace', role: 32 });
  });
});
