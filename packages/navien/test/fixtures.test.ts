import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AuthTokens } from '../src/index.js';
import {
  deviceDetailsSchema,
  deviceListDataSchema,
  envelopeSchema,
  refreshDataSchema,
  signInDataSchema,
} from '../src/schemas.js';

const fixtures = new URL('./fixtures/navien/', import.meta.url);
const load = async (name: string) =>
  JSON.parse(await readFile(new URL(name, fixtures), 'utf8')) as { body: unknown; status?: number };

describe('recorded and documented payloads parse with the schemas', () => {
  it('sign-in success (masked authorizationExpiresIn counts as unknown)', async () => {
    const { body } = await load('sign_in.response.success.json');
    const envelope = envelopeSchema.parse(body);
    expect(envelope.code).toBe(200);
    const data = signInDataSchema.parse(envelope.data);
    expect(data.userInfo.userSeq).toBe(36283);
    expect(data.legal).toHaveLength(2);
    expect(data.token.authenticationExpiresIn).toBe(3600);
    expect(data.token.authorizationExpiresIn).toBeUndefined();
  });

  it('refresh success and the minimal refresh reply', async () => {
    for (const name of ['refresh.response.success.json', 'refresh.response.minimal.test.json']) {
      const envelope = envelopeSchema.parse((await load(name)).body);
      expect(refreshDataSchema.parse(envelope.data).authenticationExpiresIn).toBe(3600);
    }
  });

  it('device list and device info', async () => {
    const list = deviceListDataSchema.parse(
      envelopeSchema.parse((await load('device_list.response.json')).body).data,
    );
    expect(list?.[0]?.deviceInfo.macAddress).toBe('aabbccddeeff');
    const info = deviceDetailsSchema.parse(
      envelopeSchema.parse((await load('device_info.response.json')).body).data,
    );
    expect(info.deviceInfo.installType).toBe('R');
    expect(info.alarmInfo?.isEtcAlarm).toBe(1);
  });

  it('every envelope, including error bodies and the ones this SDK does not wrap', async () => {
    for (const name of [
      'app_update_push_token.response.json',
      'device_firmware_info.response.json',
      'device_tou.response.json',
      'error.response.401_unauthorized.test.json',
      'error.response.generic.documented.json',
      'sign_in.response.error_401.documented.json',
    ]) {
      const envelope = envelopeSchema.parse((await load(name)).body);
      expect(typeof envelope.code).toBe('number');
    }
  });

  it('the Python CLI token file loads as AuthTokens', async () => {
    const file = JSON.parse(await readFile(new URL('stored_tokens.to_dict.derived.json', fixtures), 'utf8'));
    const tokens = AuthTokens.modelValidate(file);
    expect(tokens.issuedAt.toISOString()).toBe('2025-09-26T20:41:35.123Z');
    expect(tokens.hasAwsCredentials).toBe(true);
    expect(tokens.awsExpiresAt?.toISOString()).toBe('2025-09-26T21:41:35.123Z');
  });
});
