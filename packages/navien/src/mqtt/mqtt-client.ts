import { randomBytes, randomUUID } from 'node:crypto';
import {
  AuthenticationError,
  ClientLifecycle,
  ConfigurationError,
  Emitter,
  ErrorCodes,
  isTokenwiseError,
  NetworkError,
  redactText,
  type TokenwiseError,
} from '@tokenwise/auth-core/vendor';
import type { MqttClient } from 'mqtt';
import type { NavienAuthClient } from '../client.js';
import type { NavienAwsCredentials } from '../client-options.js';
import { MQTT_PROTOCOL_VERSION, STATUS_REQUEST_COMMAND, VENDOR } from '../constants.js';
import { requireAuthClient } from '../require-auth-client.js';
import type { NavienSession } from '../schemas.js';
import { type DhwMode, dhwModeCommand, dhwTemperatureCommand, powerCommand } from './control-commands.js';
import { resolveMqttOptions } from './mqtt-options.js';
import type {
  NavienCommand,
  NavienMqttClientOptions,
  NavienMqttEvents,
  NavienMqttHandler,
} from './mqtt-types.js';
import { openConnection } from './open-connection.js';
import { presignIotUrl } from './presign.js';
import {
  commandTopic,
  deviceSubscriptionTopics,
  type MqttDeviceRef,
  normalizeMac,
  responseTopic,
  topicMatches,
} from './topics.js';

type ConnectReason = NavienMqttEvents['connect']['reason'];

const DEEP_RECONNECT_EVERY = 10;

/**
 * Real-time NaviLink over AWS IoT Core: MQTT 3.1.1 on a SigV4-presigned
 * WebSocket. While connected it keeps the auth client's session manager
 * renewing ahead of need (`keepAlive`): the manager signs in before the AWS
 * credentials expire (a refresh cannot renew them) and hands the new session
 * over, and this client reconnects with a new URL. After a drop it
 * reconnects with back-off (1 s doubling to 120 s). Subscriptions are
 * restored on every new connection.
 */
export class NavienMqttClient {
  /** The MQTT client id (also part of response topics). */
  readonly clientId: string;
  /** Identifies this client's requests in command envelopes. */
  readonly sessionId: string;
  readonly #auth: NavienAuthClient;
  readonly #url: string;
  readonly #region: string | undefined;
  readonly #keepalive: number;
  readonly #connectTimeoutMs: number;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #rotationMarginMs: number;
  readonly #events = new Emitter<NavienMqttEvents>();
  readonly #subscriptions = new Map<string, Set<NavienMqttHandler>>();
  #connection: Promise<MqttClient> | undefined;
  #live: MqttClient | undefined;
  #credentials: NavienAwsCredentials | undefined;
  #stopKeepAlive: (() => void) | undefined;
  #dueRotation: Promise<void> | undefined;
  #wakeReconnect: (() => void) | undefined;
  readonly #lifecycle = new ClientLifecycle('NavienMqttClient', VENDOR);

  /** Lazy: connects on {@link connect} or the first subscribe/publish. */
  constructor(auth: NavienAuthClient, options: NavienMqttClientOptions = {}) {
    this.#auth = requireAuthClient(auth, 'NavienMqttClient');
    const resolved = resolveMqttOptions(options);
    this.#url = resolved.url;
    this.#region = resolved.region;
    this.clientId = resolved.clientId ?? `navien-client-${randomBytes(4).toString('hex')}`;
    this.sessionId = randomUUID().replaceAll('-', '');
    this.#keepalive = resolved.keepaliveSeconds;
    this.#connectTimeoutMs = resolved.connectTimeoutMs;
    this.#initialDelayMs = resolved.reconnectInitialDelayMs;
    this.#maxDelayMs = resolved.reconnectMaxDelayMs;
    this.#rotationMarginMs = resolved.rotationMarginMs;
  }

  /** Subscribes to an event; returns an unsubscribe function. */
  on<K extends keyof NavienMqttEvents>(type: K, listener: (event: NavienMqttEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** True while a connection is up. */
  get isConnected(): boolean {
    return this.#live?.connected ?? false;
  }

  /** Connects (once; later calls wait for the same connection). */
  async connect(): Promise<void> {
    this.#assertOpen();
    this.#connection ??= this.#establish('connect', false);
    try {
      await this.#connection;
    } catch (error) {
      // A failed first connect is not cached: the next call tries again.
      this.#connection = undefined;
      throw error;
    }
  }

  /** Subscribes `handler` to a topic filter; resolves once the broker acknowledged. Returns an unsubscribe. */
  async subscribe(topic: string, handler: NavienMqttHandler): Promise<() => Promise<void>> {
    if (typeof topic !== 'string' || topic === '') {
      throw new ConfigurationError('topic must be a non-empty string', { vendor: VENDOR });
    }
    if (typeof handler !== 'function') {
      throw new ConfigurationError('handler must be a function', { vendor: VENDOR });
    }
    const client = await this.#ready();
    let handlers = this.#subscriptions.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.#subscriptions.set(topic, handlers);
      await client.subscribeAsync(topic, { qos: 1 });
    }
    handlers.add(handler);
    return async () => {
      const set = this.#subscriptions.get(topic);
      set?.delete(handler);
      if (set?.size === 0) {
        this.#subscriptions.delete(topic);
        if (this.#live?.connected) await this.#live.unsubscribeAsync(topic);
      }
    };
  }

  /** Subscribes to everything about one device (status, control answers, query results, events). */
  async subscribeDevice(device: MqttDeviceRef, handler: NavienMqttHandler): Promise<() => Promise<void>> {
    const unsubscribes = await Promise.all(
      deviceSubscriptionTopics(device, this.clientId).map((topic) => this.subscribe(topic, handler)),
    );
    return async () => {
      await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
    };
  }

  /** Publishes JSON (objects) or text at QoS 1. */
  async publish(topic: string, payload: unknown): Promise<void> {
    if (typeof topic !== 'string' || topic === '' || /[+#]/.test(topic)) {
      throw new ConfigurationError('topic must be a non-empty topic name without wildcards', {
        vendor: VENDOR,
      });
    }
    const client = await this.#ready();
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    await client.publishAsync(topic, body, { qos: 1 });
  }

  /** Sends a command in the vendor's envelope on `cmd/{type}/navilink-{mac}/{suffix}`. */
  async publishCommand(device: MqttDeviceRef, command: NavienCommand): Promise<void> {
    const requestTopic = commandTopic(device, command.topicSuffix ?? 'st');
    await this.publish(requestTopic, {
      clientID: this.clientId,
      sessionID: this.sessionId,
      protocolVersion: MQTT_PROTOCOL_VERSION,
      requestTopic,
      responseTopic: responseTopic(device, this.clientId),
      request: {
        command: command.command,
        deviceType: device.deviceType ?? 52,
        macAddress: normalizeMac(device.macAddress),
        additionalValue: device.additionalValue ?? '',
        ...(command.mode === undefined ? {} : { mode: command.mode }),
        param: command.param ?? [],
        paramStr: command.paramStr ?? '',
      },
    });
  }

  /** Asks a device for its status; the answer arrives on the device's subscription. */
  requestStatus(device: MqttDeviceRef): Promise<void> {
    return this.publishCommand(device, { command: STATUS_REQUEST_COMMAND, topicSuffix: 'st' });
  }

  /** Switches the water heater on or off (`power-on` / `power-off` on the `ctrl` topic). */
  async setPower(device: MqttDeviceRef, on: boolean): Promise<void> {
    await this.publishCommand(device, powerCommand(on));
  }

  /** Sets the hot-water target in °C (sent in half degrees; the device enforces its own range). */
  async setDhwTemperature(device: MqttDeviceRef, celsius: number): Promise<void> {
    await this.publishCommand(device, dhwTemperatureCommand(celsius));
  }

  /** Sets the DHW operation mode; `vacation` needs the number of days (1–30). */
  async setDhwMode(device: MqttDeviceRef, mode: DhwMode, vacationDays?: number): Promise<void> {
    await this.publishCommand(device, dhwModeCommand(mode, vacationDays));
  }

  /**
   * Reconnects now with new AWS credentials and a new presigned URL,
   * restoring every subscription. Runs on its own when the session manager
   * renews the credentials; call it when you know they were revoked.
   */
  async rotateCredentials(): Promise<void> {
    this.#assertOpen();
    const previous = this.#connection;
    this.#connection = (async () => {
      await previous?.catch(() => undefined);
      this.#retire();
      try {
        return await this.#establish('rotate', true);
      } catch (error) {
        if (isFatal(error)) throw error;
        this.#report(error);
        return this.#reconnectLoop();
      }
    })();
    await this.#connection;
  }

  /**
   * Disconnects, stops reconnecting and leaves the session manager's
   * keep-alive. Idempotent; every later call fails with `ClientClosedError`.
   * The auth client stays open.
   */
  close(): Promise<void> {
    return this.#lifecycle.close(async () => {
      this.#stopKeepAlive?.();
      this.#stopKeepAlive = undefined;
      this.#wakeReconnect?.();
      const live = this.#live;
      this.#live = undefined;
      if (live) await live.endAsync().catch(() => undefined);
    });
  }

  /** Same as {@link close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #ready(): Promise<MqttClient> {
    this.#assertOpen();
    if (this.#credentialsExpiring()) await this.#rotateWhenDue();
    if (!this.#connection) await this.connect();
    const client = await this.#connection!;
    return client;
  }

  /** The rotation the deadline calls for, shared by every caller that notices it (one sign-in, not one each). */
  #rotateWhenDue(): Promise<void> {
    this.#dueRotation ??= this.rotateCredentials().finally(() => {
      this.#dueRotation = undefined;
    });
    return this.#dueRotation;
  }

  async #establish(reason: ConnectReason, renew: boolean): Promise<MqttClient> {
    const credentials = renew ? await this.#freshCredentials() : await this.#auth.getAwsCredentials();
    const url = await presignIotUrl({
      url: this.#url,
      credentials,
      ...(this.#region ? { region: this.#region } : {}),
      signingDate: new Date(this.#auth.clock.now()),
    });
    let client: MqttClient;
    try {
      client = await openConnection(url, {
        clientId: this.clientId,
        keepalive: this.#keepalive,
        connectTimeout: this.#connectTimeoutMs,
      });
    } catch (error) {
      throw connectionError(error, credentials);
    }
    if (this.#lifecycle.closed) {
      client.end(true);
      throw new NetworkError('The Navien MQTT client was closed while connecting', { vendor: VENDOR });
    }
    this.#live = client;
    this.#credentials = credentials;
    client.on('message', (topic, payload) => this.#dispatch(topic, payload));
    client.on('close', () => this.#onClose(client));
    client.on('error', (error) => this.#report(connectionError(error, credentials)));
    const topics = [...this.#subscriptions.keys()];
    try {
      if (topics.length > 0) await client.subscribeAsync(topics, { qos: 1 });
    } catch (error) {
      // A connection without its subscriptions would silently miss messages: drop it and retry.
      this.#retire();
      throw connectionError(error, credentials);
    }
    // The manager renews ahead of the AWS deadline (strategy `renewAt`) while someone listens.
    this.#stopKeepAlive ??= this.#auth.manager.keepAlive((session) => this.#onSession(session));
    this.#events.emit('connect', {
      clientId: this.clientId,
      reason,
      credentialsExpireAt: credentials.expiresAt,
    });
    return client;
  }

  /** New credentials, never the ones the last connection used. */
  async #freshCredentials(): Promise<NavienAwsCredentials> {
    const current = await this.#auth.getAwsCredentials();
    if (this.#credentials === undefined || current.accessKeyId !== this.#credentials.accessKeyId)
      return current;
    return this.#auth.renewAwsCredentials('AWS IoT needs new credentials');
  }

  /**
   * A session the manager took up (renewed ahead of need, or stored by
   * another process). New AWS credentials mean a new presigned URL; a JWT
   * refresh keeps the credentials and the connection. While no connection is
   * up (connecting, rotating, reconnecting) the next one picks them up anyway.
   */
  #onSession(session: NavienSession): void {
    const current = this.#credentials;
    if (!this.#live?.connected || current === undefined || !session.accessKeyId) return;
    if (session.accessKeyId === current.accessKeyId) return;
    this.#rotateWhenDue().catch((error: unknown) => this.#report(error));
  }

  #onClose(client: MqttClient): void {
    if (client !== this.#live || this.#lifecycle.closed) return;
    this.#live = undefined;
    this.#events.emit('disconnect', { clientId: this.clientId });
    const reconnect = this.#reconnectLoop();
    reconnect.catch((error: unknown) => {
      if (!this.#lifecycle.closed) this.#report(error);
    });
    this.#connection = reconnect;
  }

  async #reconnectLoop(): Promise<MqttClient> {
    let renew = false;
    for (let attempt = 1; ; attempt++) {
      const delayMs = Math.min(this.#initialDelayMs * 2 ** (attempt - 1), this.#maxDelayMs);
      this.#events.emit('reconnecting', { clientId: this.clientId, attempt, delayMs });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.#wakeReconnect = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wakeReconnect = undefined;
      this.#assertOpen();
      try {
        // Every tenth attempt, or after a rejection, the credentials themselves may be the problem.
        return await this.#establish('reconnect', renew || attempt % DEEP_RECONNECT_EVERY === 0);
      } catch (error) {
        if (isFatal(error)) throw error;
        renew = isTokenwiseError(error, ErrorCodes.AuthenticationError);
        this.#report(error);
      }
    }
  }

  #credentialsExpiring(): boolean {
    const expiresAt = this.#credentials?.expiresAt;
    return (
      this.#live !== undefined &&
      expiresAt !== undefined &&
      this.#auth.clock.now() >= expiresAt - this.#rotationMarginMs
    );
  }

  #retire(): void {
    const live = this.#live;
    // Forgotten before it closes, so its close is not taken for a drop.
    this.#live = undefined;
    live?.end(true);
  }

  #dispatch(topic: string, raw: Buffer): void {
    const text = raw.toString('utf8');
    let payload: unknown = text;
    try {
      payload = JSON.parse(text);
    } catch {
      // Not JSON: handlers get the text.
    }
    for (const [filter, handlers] of this.#subscriptions) {
      if (!topicMatches(filter, topic)) continue;
      for (const handler of handlers) {
        try {
          handler({ topic, payload });
        } catch (error) {
          this.#report(error);
        }
      }
    }
  }

  #report(error: unknown): void {
    const typed = isTokenwiseError(error);
    this.#events.emit('error', {
      clientId: this.clientId,
      code: typed ? error.code : 'UNKNOWN',
      message: typed ? error.message : 'unexpected error in a message handler or the MQTT client',
    });
  }

  #assertOpen(): void {
    this.#lifecycle.assertOpen();
  }
}

/** Bad credentials or configuration end the reconnect loop; everything else is retried. */
function isFatal(error: unknown): boolean {
  return (
    isTokenwiseError(error, ErrorCodes.InvalidCredentialsError) ||
    isTokenwiseError(error, ErrorCodes.ConfigurationError) ||
    isTokenwiseError(error, ErrorCodes.TokenRefreshError) ||
    isTokenwiseError(error, ErrorCodes.TokenExpiredError)
  );
}

/** A connection failure as a core error; the signed URL and keys never reach the message. */
function connectionError(error: unknown, credentials: NavienAwsCredentials): TokenwiseError {
  if (isTokenwiseError(error)) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactText(raw.replace(/\?\S*/g, '?[REDACTED]'), [
    credentials.accessKeyId,
    credentials.secretAccessKey,
    credentials.sessionToken,
  ]).slice(0, 200);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (/\b40[13]\b/.test(raw) || code === 4 || code === 5 || /not authori[sz]ed/i.test(raw)) {
    return new AuthenticationError(`AWS IoT rejected the credentials: ${message}`, { vendor: VENDOR });
  }
  return new NetworkError(`AWS IoT connection failed: ${message}`, { vendor: VENDOR });
}
