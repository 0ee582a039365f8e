import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import type { NavienAwsCredentials } from '../client-options.js';
import { IOT_REGION, IOT_SERVICE, VENDOR } from '../constants.js';

/** Options of {@link presignIotUrl}. */
export interface PresignIotUrlOptions {
  /** The WebSocket endpoint, e.g. `wss://<prefix>-ats.iot.us-east-1.amazonaws.com/mqtt`. */
  url: string;
  credentials: Pick<NavienAwsCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  /** Default `us-east-1`. */
  region?: string;
  /** Default `iotdevicegateway`. */
  service?: string;
  /** How long the handshake URL stays valid, in seconds. Default 300. */
  expiresInSeconds?: number;
  /** Signing time. Default: now. */
  signingDate?: Date;
}

/**
 * The SigV4 query-presigned WebSocket URL of AWS IoT Core. The session token
 * is appended after signing (`X-Amz-Security-Token` is not part of the
 * canonical request), which is what the IoT gateway expects and what AWS's
 * own device SDKs do.
 */
export async function presignIotUrl(options: PresignIotUrlOptions): Promise<string> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ConfigurationError('The AWS IoT url is not a valid URL', { vendor: VENDOR });
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    throw new ConfigurationError('The AWS IoT url must be a ws:// or wss:// URL', { vendor: VENDOR });
  }
  const signer = new SignatureV4({
    // Without the session token on purpose: it must stay out of the signature.
    credentials: {
      accessKeyId: options.credentials.accessKeyId,
      secretAccessKey: options.credentials.secretAccessKey,
    },
    region: options.region ?? IOT_REGION,
    service: options.service ?? IOT_SERVICE,
    sha256: Hash.bind(null, 'sha256'),
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname || '/',
    headers: { host: url.host },
  });
  const signed = await signer.presign(request, {
    expiresIn: options.expiresInSeconds ?? 300,
    ...(options.signingDate ? { signingDate: options.signingDate } : {}),
  });
  const query = Object.entries(signed.query ?? {})
    .flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as const] : []))
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`);
  query.push(`X-Amz-Security-Token=${rfc3986(options.credentials.sessionToken)}`);
  return `${url.protocol}//${url.host}${url.pathname}?${query.join('&')}`;
}

/** SigV4's URI encoding: `encodeURIComponent` plus the four characters it leaves alone. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
