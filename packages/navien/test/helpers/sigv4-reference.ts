import { createHash, createHmac } from 'node:crypto';

/**
 * SigV4 query signing written from AWS's published algorithm with nothing
 * but node:crypto, so the SDK's signer (smithy) is checked against an
 * independent implementation rather than against itself.
 */
export interface ReferenceSignInput {
  method: string;
  host: string;
  path: string;
  /** Query parameters except X-Amz-Signature (and, for IoT, X-Amz-Security-Token). */
  query: Record<string, string>;
  secretAccessKey: string;
  /** `yyyymmdd`. */
  date: string;
  region: string;
  service: string;
  /** `X-Amz-Date`. */
  amzDate: string;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The hex signature for `input`. */
export function referenceSignature(input: ReferenceSignInput): string {
  const canonicalQuery = Object.entries(input.query)
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalRequest = [
    input.method,
    input.path,
    canonicalQuery,
    `host:${input.host}\n`,
    'host',
    input.payloadHash,
  ].join('\n');
  const scope = `${input.date}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    input.amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const kDate = hmac(`AWS4${input.secretAccessKey}`, input.date);
  const kRegion = hmac(kDate, input.region);
  const kService = hmac(kRegion, input.service);
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

/** The SHA-256 of an empty body: what AWS IoT's WebSocket handshake signs. */
export const EMPTY_PAYLOAD_HASH = createHash('sha256').update('').digest('hex');

/**
 * Checks a presigned AWS IoT URL against a secret key: every SigV4 field is
 * present, the session token is outside the signature, and the signature
 * matches. Returns a reason when it does not.
 */
export function verifyPresignedIotUrl(
  url: URL,
  lookupSecret: (accessKeyId: string) => { secretAccessKey: string; sessionToken: string } | undefined,
  region = 'us-east-1',
): string | undefined {
  const params = url.searchParams;
  const required = [
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
    'X-Amz-Security-Token',
  ];
  for (const name of required) if (!params.get(name)) return `missing ${name}`;
  if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'wrong algorithm';
  if (params.get('X-Amz-SignedHeaders') !== 'host') return 'unexpected signed headers';
  const [accessKeyId = '', date = '', scopeRegion, service, terminator] = (
    params.get('X-Amz-Credential') ?? ''
  ).split('/');
  if (scopeRegion !== region || service !== 'iotdevicegateway' || terminator !== 'aws4_request') {
    return 'wrong credential scope';
  }
  const issued = lookupSecret(accessKeyId);
  if (!issued) return 'unknown or expired access key';
  if (params.get('X-Amz-Security-Token') !== issued.sessionToken) return 'wrong session token';
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key !== 'X-Amz-Signature' && key !== 'X-Amz-Security-Token') query[key] = value;
  }
  const expected = referenceSignature({
    method: 'GET',
    host: url.host,
    path: url.pathname,
    query,
    secretAccessKey: issued.secretAccessKey,
    date,
    region,
    service: 'iotdevicegateway',
    amzDate: params.get('X-Amz-Date') ?? '',
    payloadHash: EMPTY_PAYLOAD_HASH,
  });
  return expected === params.get('X-Amz-Signature') ? undefined : 'signature mismatch';
}
