import { readFile } from 'node:fs/promises';
import { FakeClock } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, VeSyncCloud } from '../src/mock/index.js';
import { md5 } from './helpers.js';

const US = 'https://smartapi.vesync.com';
const EU = 'https://smartapi.vesync.eu';
const TERMINAL = `2${'ab'.repeat(16)}`;

const post = async (cloud: VeSyncCloud, url: string, body: Record<string, unknown>) => {
  const response = await cloud.handler(
    new Request(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  );
  return {
    status: response.status,
    body: (await response.json()) as { code: number; result: Record<string, unknown> | null },
  };
};

const step1 = (cloud: VeSyncCloud, host: string, email: string, password: string, extra = {}) =>
  post(cloud, `${host}/globalPlatform/api/accountAuth/v1/authByPWDOrOTM`, {
    method: 'authByPWDOrOTM',
    email,
    password: md5(password),
    terminalId: TERMINAL,
    appID: 'eldodkfj',
    sourceAppID: 'eldodkfj',
    ...extra,
  });

const step2 = (cloud: VeSyncCloud, host: string, body: Record<string, unknown>) =>
  post(cloud, `${host}/user/api/accountManage/v1/loginByAuthorizeCode4Vesync`, {
    method: 'loginByAuthorizeCode4Vesync',
    terminalId: TERMINAL,
    ...body,
  });

describe('VeSyncCloud (mock)', () => {
  it('has a demo account per situation', () => {
    expect(DEMO_ACCOUNTS.map((a) => `${a.countryCode}/${a.region}`)).toEqual(
      expect.arrayContaining(['US/US', 'FR/EU', 'DE/US', 'CA/US']),
    );
    expect(DEMO_ACCOUNTS.some((a) => a.twoFactor)).toBe(true);
  });

  it('authorize codes are single-use and bizTokens only work on the right host', async () => {
    const cloud = new VeSyncCloud({ clock: new FakeClock() });
    const one = await step1(cloud, EU, 'altkunde@example.de', 'altkunde-password');
    const authorizeCode = one.body.result?.authorizeCode;
    const redirect = await step2(cloud, EU, { authorizeCode, userCountryCode: 'DE' });
    expect(redirect.body.code).toBe(-11260022);
    const bizToken = redirect.body.result?.bizToken;
    const retry = { authorizeCode, bizToken, regionChange: 'lastRegion', userCountryCode: 'DE' };
    expect((await step2(cloud, EU, retry)).body.code).toBe(-11261022);
    const ok = await step2(cloud, US, retry);
    expect(ok.body.code).toBe(0);
    expect(ok.body.result?.currentRegion).toBe('US');
    expect((await step2(cloud, US, retry)).body.code).toBe(-11000129);
    expect(cloud.counts.logins).toBe(1);
  });

  it('refuses unofficial app ids, and authorize codes expire', async () => {
    const clock = new FakeClock();
    const cloud = new VeSyncCloud({ clock });
    expect(
      (await step1(cloud, US, 'demo@example.com', 'demo-password', { appID: 'abcdefgh' })).body.code,
    ).toBe(-11000129);
    const one = await step1(cloud, US, 'demo@example.com', 'demo-password');
    clock.advance(600_001);
    const late = await step2(cloud, US, {
      authorizeCode: one.body.result?.authorizeCode,
      userCountryCode: 'US',
    });
    expect(late.body.code).toBe(-11000129);
  });

  it('throttles bursts of logins per account', async () => {
    const cloud = new VeSyncCloud({ clock: new FakeClock(), loginBurst: { max: 2, windowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await step1(cloud, US, 'demo@example.com', 'demo-password')).body.code);
    expect(codes).toEqual([0, 0, -16903086]);
  });

  it('step 2 answers every result field the recordings show, profile included (null on a cross-region answer)', async () => {
    const recorded = async (name: string) =>
      JSON.parse(await readFile(new URL(`./fixtures/vesync/${name}`, import.meta.url), 'utf8')) as {
        result: Record<string, unknown>;
      };
    const success = await recorded('observed/loginByAuthorizeCode4Vesync.response.success.json');
    const crossRegion = await recorded('observed/loginByAuthorizeCode4Vesync.response.cross_region.json');
    const cloud = new VeSyncCloud({ clock: new FakeClock() });
    const one = await step1(cloud, EU, 'altkunde@example.de', 'altkunde-password');
    const authorizeCode = one.body.result?.authorizeCode;
    const redirect = await step2(cloud, EU, { authorizeCode, userCountryCode: 'DE' });
    expect(Object.keys(redirect.body.result ?? {}).sort()).toEqual(Object.keys(crossRegion.result).sort());
    for (const [key, value] of Object.entries(crossRegion.result)) {
      if (value === null) expect(redirect.body.result?.[key], key).toBeNull();
    }
    const ok = await step2(cloud, US, {
      authorizeCode,
      bizToken: redirect.body.result?.bizToken,
      regionChange: 'lastRegion',
      userCountryCode: 'DE',
    });
    expect(Object.keys(ok.body.result ?? {}).sort()).toEqual(Object.keys(success.result).sort());
    for (const [key, value] of Object.entries(success.result)) {
      if (!['token', 'accountID', 'countryCode', 'currentRegion', 'regionType'].includes(key)) {
        expect(ok.body.result?.[key], key).toEqual(value);
      }
    }
  });

  it('answers unknown paths and non-POST calls with "method not found" inside HTTP 200', async () => {
    const cloud = new VeSyncCloud();
    const unknown = await post(cloud, `${US}/cloud/v1/deviceManaged/noSuchCall`, {});
    expect(unknown).toMatchObject({ status: 200, body: { code: -11004000 } });
    const get = await cloud.handler(new Request(`${US}/cloud/v1/deviceManaged/devices`));
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ code: -11004000, msg: 'method not found' });
  });

  it('answers the retired legacy login with the codes the real hosts send', async () => {
    const cloud = new VeSyncCloud();
    expect((await post(cloud, `${US}/cloud/v1/user/login`, {})).body.code).toBe(-11012022);
    expect((await post(cloud, `${EU}/cloud/v1/user/login`, {})).body.code).toBe(-11000022);
  });
});
