import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import WebSocket from 'ws';

/**
 * Opens one MQTT 3.1.1 connection and settles on CONNACK. mqtt.js's own
 * reconnect is off: every new connection needs a freshly presigned URL,
 * which only the caller can make.
 */
export function openConnection(url: string, options: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    // mqtt.js reports a refused WebSocket upgrade (403) as a bare close; keep ws's error to tell it apart.
    let handshakeError: Error | undefined;
    const client = connect(url, {
      ...options,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
      resubscribe: false,
      createWebsocket: (wsUrl: string, protocols: string[], opts: IClientOptions) => {
        const socket = new WebSocket(wsUrl, protocols, opts.wsOptions as WebSocket.ClientOptions | undefined);
        socket.on('error', (error) => {
          handshakeError ??= error;
        });
        return socket;
      },
    });
    const cleanup = () => {
      client.off('connect', onConnect);
      client.off('error', onError);
      client.off('close', onClose);
    };
    const onConnect = () => {
      cleanup();
      resolve(client);
    };
    const onError = (error: Error) => {
      cleanup();
      client.end(true);
      reject(error);
    };
    const onClose = () =>
      onError(handshakeError ?? new Error('the connection closed before the broker accepted it'));
    client.once('connect', onConnect);
    client.once('error', onError);
    client.once('close', onClose);
  });
}
