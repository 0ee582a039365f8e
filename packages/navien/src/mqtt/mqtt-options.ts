import {
  ConfigurationError,
  checkOptionsObject,
  checkStringOption,
  checkTimeoutOption,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import { DEFAULT_EXPIRY_MARGIN_MS, DEFAULT_IOT_URL, IOT_URL_ENV, VENDOR } from '../constants.js';
import type { NavienMqttClientOptions } from './mqtt-types.js';

/** Every option of {@link NavienMqttClientOptions}; the compiler keeps the list in step with the interface. */
export const MQTT_OPTION_KEYS = {
  url: true,
  region: true,
  clientId: true,
  keepaliveSeconds: true,
  connectTimeoutMs: true,
  reconnectInitialDelayMs: true,
  reconnectMaxDelayMs: true,
  rotationMarginMs: true,
  env: true,
} as const satisfies OptionKeys<NavienMqttClientOptions>;

/** {@link NavienMqttClientOptions} checked, with defaults applied. */
export interface ResolvedMqttOptions {
  url: string;
  region: string | undefined;
  clientId: string | undefined;
  keepaliveSeconds: number;
  connectTimeoutMs: number;
  reconnectInitialDelayMs: number;
  reconnectMaxDelayMs: number;
  rotationMarginMs: number;
}

// MQTT 3.1.1 carries the keep-alive in a 16-bit field.
const MAX_KEEPALIVE_SECONDS = 65_535;

/**
 * Checks the MQTT client's options before anything connects: a plain object
 * of known keys (a misspelled `url` would otherwise connect to the real
 * endpoint) whose values have the documented types; `null` is not a default.
 */
export function resolveMqttOptions(options: unknown): ResolvedMqttOptions {
  const checked = checkOptionsObject(options, 'NavienMqttClient', MQTT_OPTION_KEYS, VENDOR);
  const name = (option: string) => `NavienMqttClient option \`${option}\``;
  const env = checked.env ?? process.env;
  if (typeof env !== 'object' || env === null) {
    throw new ConfigurationError(`${name('env')} must be an object of environment variables`, {
      vendor: VENDOR,
    });
  }
  const keepalive = checked.keepaliveSeconds ?? 1200;
  if (
    typeof keepalive !== 'number' ||
    !Number.isInteger(keepalive) ||
    keepalive <= 0 ||
    keepalive > MAX_KEEPALIVE_SECONDS
  ) {
    throw new ConfigurationError(
      `${name('keepaliveSeconds')} must be a whole number of seconds from 1 to ${MAX_KEEPALIVE_SECONDS}`,
      {
        vendor: VENDOR,
      },
    );
  }
  const timer = (option: keyof NavienMqttClientOptions, fallback: number): number =>
    checkTimeoutOption(checked[option], name(option), VENDOR) ?? fallback;
  return {
    url:
      checkStringOption(checked.url, name('url'), VENDOR) ??
      (env as Record<string, string | undefined>)[IOT_URL_ENV] ??
      DEFAULT_IOT_URL,
    region: checkStringOption(checked.region, name('region'), VENDOR),
    clientId: checkStringOption(checked.clientId, name('clientId'), VENDOR),
    keepaliveSeconds: keepalive,
    connectTimeoutMs: timer('connectTimeoutMs', 30_000),
    reconnectInitialDelayMs: timer('reconnectInitialDelayMs', 1_000),
    reconnectMaxDelayMs: timer('reconnectMaxDelayMs', 120_000),
    rotationMarginMs: timer('rotationMarginMs', DEFAULT_EXPIRY_MARGIN_MS),
  };
}
