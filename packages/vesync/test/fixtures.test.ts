import { readdir, readFile } from 'node:fs/promises';
import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { devicesBody } from '../src/api.js';
import { ErrorCodes, VeSync, veSyncError } from '../src/index.js';
import { VeSyncCloud } from '../src/mock/index.js';
import {
  authorizeResultSchema,
  crossRegionResultSchema,
  deviceSchema,
  devicesResponseSchema,
  envelopeSchema,
  tokenResultSchema,
} from '../src/schemas.js';

const root = new URL('./fixtures/vesync/', import.meta.url);
const load = async (name: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(new URL(name, root), 'utf8')) as Record<string, unknown>;
const ok = new Response(null, { status: 200 });

describe('recorded VeSync payloads', () => {
  it('every JSON fixture is covered by this test', async () => {
    const files: string[] = [];
    for (const sub of ['pyvesync/', 'observed/', 'tsvesync/']) {
      for (const f of await readdir(new URL(sub, root))) if (f.endsWith('.json')) files.push(sub + f);
    }
    expect(files.sort()).toEqual(
      [
        ...Object.keys(STEP1_OK),
        ...Object.keys(STEP2_OK),
        ...Object.keys(CROSS_REGION),
        ...Object.keys(ERRORS),
        ...REQUESTS,
        'pyvesync/devices.response.base.json',
        'pyvesync/devices.list_item.base.json',
        'pyvesync/devices.list_items.examples.json',
        'pyvesync/legacy_login.response.success.json',
        'observed/error-responses.json',
      ].sort(),
    );
  });

  const STEP1_OK = { 'pyvesync/authByPWDOrOTM.response.success.json': true };
  const STEP2_OK = {
    'pyvesync/loginByAuthorizeCode4Vesync.response.success.json': true,
    'observed/loginByAuthorizeCode4Vesync.response.success.json': true,
  };
  const CROSS_REGION = {
    'pyvesync/loginByAuthorizeCode4Vesync.response.cross_region.json': true,
    'observed/loginByAuthorizeCode4Vesync.response.cross_region.json': true,
  };
  const ERRORS = {
    'pyvesync/error.invalid_password.response.json': ErrorCodes.InvalidCredentialsError,
    'pyvesync/error.token_expired.response.json': ErrorCodes.TokenExpiredError,
  };
  const REQUESTS = [
    'pyvesync/VeSync.api.json',
    'tsvesync/VeSync.api.json',
    'pyvesync/authByPWDOrOTM.request.json',
    'observed/authByPWDOrOTM.request.pyvesync3.json',
    'pyvesync/loginByAuthorizeCode4Vesync.request.json',
    'pyvesync/loginByAuthorizeCode4Vesync.request.cross_region_retry.json',
    'pyvesync/bypass.headers.json',
  ];

  it('step-1 success parses', async () => {
    for (const name of Object.keys(STEP1_OK)) {
      const body = envelopeSchema.parse(await load(name));
      expect(body.code).toBe(0);
      expect(authorizeResultSchema.parse(body.result).authorizeCode).toBeTruthy();
    }
  });

  it('step-2 successes parse', async () => {
    for (const name of Object.keys(STEP2_OK)) {
      const body = envelopeSchema.parse(await load(name));
      const result = tokenResultSchema.parse(body.result);
      expect(result.currentRegion).toBe('US');
    }
  });

  it('cross-region answers parse and are not mapped to errors (the login follows them)', async () => {
    for (const name of Object.keys(CROSS_REGION)) {
      const body = envelopeSchema.parse(await load(name));
      expect(body.code).toBe(-11260022);
      expect(crossRegionResultSchema.parse(body.result).bizToken).toBeTruthy();
    }
  });

  it('error answers map to the right core errors', async () => {
    for (const [name, code] of Object.entries(ERRORS)) {
      const body = await load(name);
      envelopeSchema.parse(body);
      expect(veSyncError(ok, body)?.code).toBe(code);
    }
    const expected: Record<number, string> = {
      [-11201129]: ErrorCodes.InvalidCredentialsError,
      [-11202129]: ErrorCodes.InvalidCredentialsError,
      [-11000129]: ErrorCodes.InvalidCredentialsError,
      [-11257129]: ErrorCodes.OtpRequiredError,
      [-11261022]: ErrorCodes.AuthenticationError,
      [-11012022]: ErrorCodes.ApiError,
      [-11000022]: ErrorCodes.ApiError,
      [-11001022]: ErrorCodes.TokenExpiredError,
      [-16906086]: ErrorCodes.RateLimitError,
      [-16903086]: ErrorCodes.RateLimitError,
      [-11102086]: ErrorCodes.ApiError,
    };
    const observed = (await load('observed/error-responses.json')) as unknown as Array<{ body: unknown }>;
    expect(observed).toHaveLength(Object.keys(expected).length);
    for (const { body } of observed) {
      const parsed = envelopeSchema.parse(body);
      expect(veSyncError(ok, body)?.code).toBe(expected[parsed.code]);
    }
  });

  it('device list response and every example entry parse', async () => {
    const base = await load('pyvesync/devices.response.base.json');
    expect(devicesResponseSchema.parse(base).result.total).toBe(0);
    const common = await load('pyvesync/devices.list_item.base.json');
    const examples = await load('pyvesync/devices.list_items.examples.json');
    const list = Object.values(examples).map((entry) => ({ ...common, ...(entry as object) }));
    const page = devicesResponseSchema.parse({
      ...base,
      result: { pageNo: '1', pageSize: '100', total: list.length, list },
    });
    expect(page.result.list).toHaveLength(Object.keys(examples).length);
    expect(page.result.pageNo).toBe(1);
    for (const entry of Object.values(examples)) expect(deviceSchema.safeParse(entry).success).toBe(true);
  });

  it('the legacy login answer parses as an envelope (the flow is retired and not used)', async () => {
    expect(envelopeSchema.parse(await load('pyvesync/legacy_login.response.success.json')).code).toBe(0);
  });

  it('our request bodies have exactly the keys the app and pyvesync send', async () => {
    const sent: Array<{ path: string; body: Record<string, unknown>; headers: Headers }> = [];
    const clock = new FakeClock();
    const cloud = new VeSyncCloud({ clock });
    const fetch = handlerFetch(async (request) => {
      sent.push({
        path: new URL(request.url).pathname,
        body: (await request.clone().json()) as Record<string, unknown>,
        headers: request.headers,
      });
      return cloud.handler(request);
    });
    const vesync = new VeSync({
      username: 'eu-demo@example.com',
      password: 'eu-demo-password',
      fetch,
      clock,
    });
    await vesync.getDevices();
    await vesync.close();
    const [step1, step2, retry, devices] = sent;
    const keys = (o: Record<string, unknown>) => Object.keys(o).sort();

    expect(keys(step1?.body ?? {})).toEqual(
      keys(await load('observed/authByPWDOrOTM.request.pyvesync3.json')),
    );
    expect(keys(step1?.body ?? {})).toEqual(keys(await load('pyvesync/authByPWDOrOTM.request.json')));
    expect(step1?.body).toMatchObject({
      appID: 'eldodkfj',
      sourceAppID: 'eldodkfj',
      clientVersion: 'VeSync 5.6.60',
    });
    expect(step1?.body.password).toMatch(/^[0-9a-f]{32}$/);
    expect(step1?.body.terminalId).toMatch(/^2[0-9a-f]{32}$/);
    expect(step1?.body.traceId).toMatch(/^APP[0-9a-f]{4}\d+-00001$/);

    expect(keys(step2?.body ?? {})).toEqual(
      keys(await load('pyvesync/loginByAuthorizeCode4Vesync.request.json')),
    );
    // The fixture dict lacks authorizeCode; pyvesync's code sends it with the bizToken (fixtures README).
    const retryFixture = await load('pyvesync/loginByAuthorizeCode4Vesync.request.cross_region_retry.json');
    expect(keys(retry?.body ?? {})).toEqual(keys({ ...retryFixture, authorizeCode: '' }));
    expect(retry?.body).toMatchObject({ regionChange: 'lastRegion', userCountryCode: 'FR' });
    expect(retry?.path).toMatch(/loginByAuthorizeCode4Vesync$/);

    const api = (await load('pyvesync/VeSync.api.json')).get_devices as {
      json_object: Record<string, unknown>;
      headers: Record<string, string>;
      url: string;
    };
    expect(devices?.path).toBe(api.url);
    expect(keys(devices?.body ?? {})).toEqual(keys(api.json_object));
    expect(keys(devicesBody(1, 100, 'Europe/Paris', 0))).toEqual(keys(api.json_object));
    for (const [name, value] of Object.entries(await load('pyvesync/bypass.headers.json'))) {
      expect(devices?.headers.get(name)).toBe(value);
    }
    const tsvesync = (await load('tsvesync/VeSync.api.json')).get_devices as { json_object: object };
    expect(keys(devices?.body ?? {})).toEqual(keys(tsvesync.json_object as Record<string, unknown>));
  });
});
