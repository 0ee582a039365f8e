/** Options of {@link NavienMqttClient}. */
export interface NavienMqttClientOptions {
  /** AWS IoT WebSocket URL. Default: `TOKENWISE_NAVIEN_IOT_URL`, else the US NaviLink endpoint. */
  url?: string | undefined;
  /** Signing region. Default `us-east-1`. */
  region?: string | undefined;
  /** MQTT client id. Default `navien-client-<8 hex>`. */
  clientId?: string | undefined;
  /** MQTT keep-alive in seconds. Default 1200. */
  keepaliveSeconds?: number | undefined;
  /** Give up on a connection attempt after this long. Default 30 000 ms. */
  connectTimeoutMs?: number | undefined;
  /** First reconnect delay; doubles per failed attempt. Default 1 000 ms. */
  reconnectInitialDelayMs?: number | undefined;
  /** Longest reconnect delay. Default 120 000 ms. */
  reconnectMaxDelayMs?: number | undefined;
  /**
   * A subscribe or publish that finds the AWS credentials this close to their deadline rotates
   * first. Default 300 000 ms. (Background rotation follows the session manager, which renews
   * ahead of the deadline by the auth client's `expiryMarginMs`.)
   */
  rotationMarginMs?: number | undefined;
  /** Where `TOKENWISE_NAVIEN_IOT_URL` is read. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
}

/** One message received on a subscribed topic. */
export interface NavienMqttMessage {
  topic: string;
  /** The JSON payload parsed, or the text when it is not JSON. */
  payload: unknown;
}

/** Called for each message on a subscription. */
export type NavienMqttHandler = (message: NavienMqttMessage) => void;

/** A command to a device; the client wraps it in the vendor's envelope. */
export interface NavienCommand {
  /** Command code, e.g. 16777219 for a status request. */
  command: number;
  /** Topic suffix after `cmd/{type}/navilink-{mac}/`. Default `st`. */
  topicSuffix?: string;
  mode?: string;
  param?: number[];
  paramStr?: string;
}

/** Events of {@link NavienMqttClient}. Payloads never carry credentials or signed URLs. */
export interface NavienMqttEvents {
  /** A connection was established: the first one, a credential rotation or a reconnect. */
  connect: {
    clientId: string;
    reason: 'connect' | 'rotate' | 'reconnect';
    credentialsExpireAt: number | undefined;
  };
  /** The connection dropped unexpectedly; a reconnect follows. */
  disconnect: { clientId: string };
  /** A reconnect attempt is about to start after `delayMs`. */
  reconnecting: { clientId: string; attempt: number; delayMs: number };
  /** Something failed in the background (a reconnect attempt, a rotation, a handler). */
  error: { clientId: string; code: string; message: string };
}
