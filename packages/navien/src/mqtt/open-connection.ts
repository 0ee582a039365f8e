import { connect, type IClientOptions, type MqttClient } from 'mqtt';

/**
 * Opens one MQTT 3.1.1 connection and settles on CONNACK. mqtt.js's own
 * reconnect is off: every new connection needs a freshly presigned URL,
 * which only the caller can make.
 */
export function openConnection(url: string, options: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = connect(url, {
      ...options,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 0,
      resubscribe: false,
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
    const onClose = () => onError(new Error('the connection closed before the broker accepted it'));
    client.once('connect', onConnect);
    client.once('error', onError);
    client.once('close', onClose);
  });
}
