import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ClientClosedError,
  InvalidCredentialsError,
  NavienMqttClient,
  type NavienMqttEvents,
  type NavienMqttMessage,
  STATUS_REQUEST_COMMAND,
} from '../src/index.js';
import { DEMO_DEVICE } from '../src/mock/index.js';
import { mockWorld } from './helpers/harness.js';
import { startIotGateway } from './helpers/iot-gateway.js';

const fixtures = new URL('./fixtures/navien/', import.meta.url);
const device = {
  macAddress: DEMO_DEVICE.macAddress,
  additionalValue: DEMO_DEVICE.additionalValue,
  deviceType: 52,
};

type Gateway = Awaited<ReturnType<typeof startIotGateway>>;

describe('NavienMqttClient through a SigV4-checking broker on 127.0.0.1', () => {
  let world: ReturnType<typeof mockWorld>;
  let gateway: Gateway;
  let mqtt: NavienMqttClient | undefined;
  let statusReply: Record<string, unknown>;

  beforeEach(async () => {
    world = mockWorld();
    gateway = await startIotGateway(world.cloud, world.clock);
    statusReply = JSON.parse(await readFile(new URL('mqtt.status_response.message.json', fixtures), 'utf8'));
    // The simulated water heater answers status requests on the response topic they name.
    gateway.broker.on('publish', (packet, client) => {
      if (!client || !packet.topic.endsWith('/st')) return;
      const request = JSON.parse(packet.payload.toString()) as { responseTopic: string; clientID: string };
      void gateway.publish(request.responseTopic, { ...statusReply, clientID: request.clientID });
    });
  });

  afterEach(async () => {
    await mqtt?.close();
    mqtt = undefined;
    await gateway.close();
    await world.closeAll();
  });

  const connectClient = async () => {
    const auth = world.auth();
    await auth.open();
    const events: Array<NavienMqttEvents['connect']> = [];
    const client = new NavienMqttClient(auth, { url: gateway.url, reconnectInitialDelayMs: 10 });
    client.on('connect', (event) => events.push(event));
    mqtt = client;
    const inbox = messageInbox();
    await client.subscribeDevice(device, inbox.push);
    return { auth, client, events, inbox };
  };

  const dropAndReconnect = async (client: NavienMqttClient) => {
    const reconnected = new Promise<void>((resolve) => client.on('connect', () => resolve()));
    gateway.dropAll();
    await reconnected;
  };

  const roundTrip = async (client: NavienMqttClient, inbox: ReturnType<typeof messageInbox>) => {
    const reply = inbox.next((m) => m.topic.endsWith(`/${client.clientId}/res`));
    await client.requestStatus(device);
    return reply;
  };

  it('publishes a status request and receives the device’s reply', async () => {
    const { client, inbox } = await connectClient();
    const reply = await roundTrip(client, inbox);
    expect(reply.topic).toBe(`cmd/52/navilink-aabbccddeeff/${client.clientId}/res`);
    expect(reply.payload).toMatchObject({
      clientID: client.clientId,
      response: { macAddress: 'aabbccddeeff' },
    });
    const request = gateway.handshakes.at(-1);
    expect(request?.accepted).toBe(true);
    expect(client.clientId).toMatch(/^navien-client-[0-9a-f]{8}$/);
  });

  it('sends commands in the vendor envelope on the documented topic', async () => {
    const { client } = await connectClient();
    const seen = new Promise<Record<string, unknown>>((resolve) => {
      gateway.broker.on('publish', (packet, sender) => {
        if (sender && packet.topic === 'cmd/52/navilink-aabbccddeeff/st') {
          resolve(JSON.parse(packet.payload.toString()) as Record<string, unknown>);
        }
      });
    });
    await client.requestStatus(device);
    expect(await seen).toEqual({
      clientID: client.clientId,
      sessionID: client.sessionId,
      protocolVersion: 2,
      requestTopic: 'cmd/52/navilink-aabbccddeeff/st',
      responseTopic: `cmd/52/navilink-aabbccddeeff/${client.clientId}/res`,
      request: {
        command: STATUS_REQUEST_COMMAND,
        deviceType: 52,
        macAddress: 'aabbccddeeff',
        additionalValue: '5322',
        param: [],
        paramStr: '',
      },
    });
  });

  it('rotates to fresh AWS credentials before they expire and keeps its subscriptions', async () => {
    const { client, events, inbox } = await connectClient();
    await roundTrip(client, inbox);
    expect(world.cloud.counts.logins).toBe(1);

    // 56 simulated minutes: the one-hour STS credentials are inside the 5-minute margin.
    world.clock.advance(56 * 60_000);
    const reply = await roundTrip(client, inbox);
    expect(reply.payload).toMatchObject({ clientID: client.clientId });

    // A refresh cannot renew AWS credentials, so the rotation cost exactly one sign-in.
    expect(world.cloud.counts.logins).toBe(2);
    expect(events.map((e) => e.reason)).toEqual(['connect', 'rotate']);
    const accepted = gateway.handshakes.filter((h) => h.accepted).map((h) => h.accessKeyId);
    expect(accepted).toHaveLength(2);
    expect(new Set(accepted).size).toBe(2);
    expect(events[1]?.credentialsExpireAt).toBe(world.clock.now() + 3_600_000);
  });

  it('publishes racing at the credential deadline share one rotation and one sign-in', async () => {
    const { client, events, inbox } = await connectClient();
    world.clock.advance(56 * 60_000);
    await Promise.all([
      client.requestStatus(device),
      client.requestStatus(device),
      client.requestStatus(device),
    ]);
    await roundTrip(client, inbox);
    expect(world.cloud.counts.logins).toBe(2);
    expect(events.map((e) => e.reason)).toEqual(['connect', 'rotate']);
  });

  it('an explicit rotation reconnects with new credentials the broker accepts', async () => {
    const { client, events, inbox } = await connectClient();
    await client.rotateCredentials();
    await roundTrip(client, inbox);
    expect(events.map((e) => e.reason)).toEqual(['connect', 'rotate']);
    expect(world.cloud.counts.logins).toBe(2);
  });

  it('rotates when the session manager takes up new AWS credentials (keepAlive), not on a JWT refresh', async () => {
    const { auth, client, events, inbox } = await connectClient();
    const rotated = new Promise<void>((resolve) =>
      client.on('connect', (event) => event.reason === 'rotate' && resolve()),
    );
    // Whoever renews (here a direct call; normally the manager's own keep-alive timer), the
    // manager hands the new session to the MQTT client, which reconnects with it.
    await auth.renewAwsCredentials('test');
    await rotated;
    await roundTrip(client, inbox);
    expect(events.map((e) => e.reason)).toEqual(['connect', 'rotate']);
    expect(world.cloud.counts.logins).toBe(2);
    expect(auth.manager.renewalDueAt()).toBe(world.clock.now() + 3_600_000 - 300_000 - 5_000);
  });

  it('a JWT refresh keeps the connection; close() leaves the keep-alive', async () => {
    world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    await gateway.close();
    gateway = await startIotGateway(world.cloud, world.clock);
    const auth = world.auth();
    await auth.open();
    const client = new NavienMqttClient(auth, { url: gateway.url });
    mqtt = client;
    const events: string[] = [];
    client.on('connect', (event) => events.push(event.reason));
    await client.connect();
    await auth.refreshToken(auth.currentTokens!.refreshToken);
    expect(world.cloud.counts.refreshes).toBe(1);
    await client.close();
    await auth.renewAwsCredentials('after close');
    expect(events).toEqual(['connect']);
    await expect(client.connect()).rejects.toBeInstanceOf(ClientClosedError);
  });

  it('reconnects after the broker drops it, resubscribing everything', async () => {
    const { client, events, inbox } = await connectClient();
    await dropAndReconnect(client);
    await roundTrip(client, inbox);
    expect(events.map((e) => e.reason)).toEqual(['connect', 'reconnect']);
    // The credentials were still valid: no extra sign-in for a network blip.
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('when the broker rejects revoked credentials, the reconnect signs in for new ones', async () => {
    const { client, events, inbox } = await connectClient();
    const errors: string[] = [];
    client.on('error', (event) => errors.push(`${event.code} ${event.message}`));
    world.cloud.revokeAccessTokens();
    await dropAndReconnect(client);
    await roundTrip(client, inbox);
    expect(gateway.handshakes.some((h) => h.reason === 'unknown or expired access key')).toBe(true);
    expect(errors).toEqual([
      'TOKENWISE_AUTHENTICATION AWS IoT rejected the credentials: Unexpected server response: 403',
    ]);
    expect(world.cloud.counts.logins).toBe(2);
    expect(events.map((e) => e.reason)).toEqual(['connect', 'reconnect']);
  });

  it('a wrong password fails connect with InvalidCredentialsError and never reaches the broker', async () => {
    const auth = world.auth({ password: 'not-the-password' });
    mqtt = new NavienMqttClient(auth, { url: gateway.url });
    await expect(mqtt.connect()).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(gateway.handshakes).toHaveLength(0);
  });
});

function messageInbox() {
  const messages: NavienMqttMessage[] = [];
  const waiters: Array<{
    match: (m: NavienMqttMessage) => boolean;
    resolve: (m: NavienMqttMessage) => void;
  }> = [];
  return {
    push: (message: NavienMqttMessage) => {
      messages.push(message);
      for (const waiter of [...waiters]) {
        if (!waiter.match(message)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    },
    next: (match: (m: NavienMqttMessage) => boolean) =>
      new Promise<NavienMqttMessage>((resolve) => waiters.push({ match, resolve })),
  };
}
