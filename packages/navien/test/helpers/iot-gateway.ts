import type { AddressInfo } from 'node:net';
import { Aedes, type PublishPacket } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { NavienCloud } from '../../src/mock/index.js';
import { verifyPresignedIotUrl } from './sigv4-reference.js';

/** One WebSocket handshake the gateway saw. */
export interface Handshake {
  accessKeyId: string;
  accepted: boolean;
  reason?: string;
}

/**
 * A stand-in for AWS IoT Core on 127.0.0.1: an aedes MQTT broker behind a
 * `ws` WebSocket server whose handshake demands a valid SigV4 presigned URL
 * made with credentials the mock cloud issued and that have not expired.
 */
export async function startIotGateway(cloud: NavienCloud, clock: { now(): number }) {
  const broker = await Aedes.createBroker();
  const handshakes: Handshake[] = [];
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info, done) => {
      const url = new URL(info.req.url ?? '/', `ws://${info.req.headers.host}`);
      const accessKeyId = (url.searchParams.get('X-Amz-Credential') ?? '').split('/')[0] ?? '';
      const reason =
        verifyPresignedIotUrl(url, (id) => cloud.lookupAwsCredentials(id)) ??
        checkFreshness(url, clock.now());
      handshakes.push({ accessKeyId, accepted: reason === undefined, ...(reason ? { reason } : {}) });
      if (reason) done(false, 403, 'Forbidden');
      else done(true);
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket, request) => {
    broker.handle(createWebSocketStream(socket), request);
  });
  const port = (wss.address() as AddressInfo).port;

  return {
    url: `ws://127.0.0.1:${port}/mqtt`,
    broker,
    handshakes,
    /** Drops every connection, as AWS IoT does after 24 h or on a network blip. */
    dropAll() {
      for (const socket of wss.clients) socket.terminate();
    },
    /** Publishes as a device would. */
    publish(topic: string, payload: unknown): Promise<void> {
      const packet: PublishPacket = {
        cmd: 'publish',
        topic,
        payload: Buffer.from(JSON.stringify(payload)),
        qos: 0,
        retain: false,
        dup: false,
      };
      return new Promise((resolve, reject) =>
        broker.publish(packet, (error) => (error ? reject(error) : resolve())),
      );
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** AWS refuses a presigned URL used after `X-Amz-Date + X-Amz-Expires`. */
function checkFreshness(url: URL, now: number): string | undefined {
  const date = url.searchParams.get('X-Amz-Date') ?? '';
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!match) return 'bad X-Amz-Date';
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const signedAt = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const expires = Number(url.searchParams.get('X-Amz-Expires') ?? '0');
  return now > signedAt + expires * 1000 ? 'presigned URL expired' : undefined;
}
