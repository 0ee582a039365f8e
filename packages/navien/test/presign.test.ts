import { describe, expect, it } from 'vitest';
import { ConfigurationError, presignIotUrl } from '../src/index.js';
import { EMPTY_PAYLOAD_HASH, referenceSignature, verifyPresignedIotUrl } from './helpers/sigv4-reference.js';

// AWS's documentation example keys (not real credentials).
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE+session/token==',
};
const signingDate = new Date(Date.UTC(2026, 0, 15, 12, 30, 45));

describe('SigV4 presigned AWS IoT URL', () => {
  it('the independent reference reproduces AWS’s published presigned-URL example', () => {
    // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", S3 GET /test.txt.
    const signature = referenceSignature({
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      query: {
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request',
        'X-Amz-Date': '20130524T000000Z',
        'X-Amz-Expires': '86400',
        'X-Amz-SignedHeaders': 'host',
      },
      secretAccessKey: credentials.secretAccessKey,
      date: '20130524',
      region: 'us-east-1',
      service: 's3',
      amzDate: '20130524T000000Z',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(signature).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });

  it('matches the independently computed signature, with the session token appended after signing', async () => {
    const url = new URL(
      await presignIotUrl({
        url: 'wss://a1t30mldyslmuq-ats.iot.us-east-1.amazonaws.com/mqtt',
        credentials,
        signingDate,
        expiresInSeconds: 300,
      }),
    );
    expect(url.protocol).toBe('wss:');
    expect(url.pathname).toBe('/mqtt');
    const params = url.searchParams;
    expect(params.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(params.get('X-Amz-Credential')).toBe(
      'AKIAIOSFODNN7EXAMPLE/20260115/us-east-1/iotdevicegateway/aws4_request',
    );
    expect(params.get('X-Amz-Date')).toBe('20260115T123045Z');
    expect(params.get('X-Amz-SignedHeaders')).toBe('host');
    expect(params.get('X-Amz-Security-Token')).toBe(credentials.sessionToken);
    // The token is the last parameter: added after the signature was computed.
    expect([...params.keys()].at(-1)).toBe('X-Amz-Security-Token');

    const expected = referenceSignature({
      method: 'GET',
      host: 'a1t30mldyslmuq-ats.iot.us-east-1.amazonaws.com',
      path: '/mqtt',
      query: {
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20260115/us-east-1/iotdevicegateway/aws4_request',
        'X-Amz-Date': '20260115T123045Z',
        'X-Amz-Expires': '300',
        'X-Amz-SignedHeaders': 'host',
      },
      secretAccessKey: credentials.secretAccessKey,
      date: '20260115',
      region: 'us-east-1',
      service: 'iotdevicegateway',
      amzDate: '20260115T123045Z',
      payloadHash: EMPTY_PAYLOAD_HASH,
    });
    expect(params.get('X-Amz-Signature')).toBe(expected);
    expect(verifyPresignedIotUrl(url, () => credentials)).toBeUndefined();
  });

  it('signs the host with its port for a local broker and rejects a tampered URL', async () => {
    const url = new URL(await presignIotUrl({ url: 'ws://127.0.0.1:8883/mqtt', credentials, signingDate }));
    expect(verifyPresignedIotUrl(url, () => credentials)).toBeUndefined();
    url.searchParams.set('X-Amz-Date', '20260115T123046Z');
    expect(verifyPresignedIotUrl(url, () => credentials)).toBe('signature mismatch');
  });

  it('refuses a URL that is not ws(s)', async () => {
    await expect(presignIotUrl({ url: 'https://example.com/mqtt', credentials })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });
});
