import { ConfigurationError, checkOptionsObject, type OptionKeys } from '@tokenwise/auth-core/vendor';
import { AUTHORIZED_JSON } from './authorized-json.js';
import type { NavienAuthClient } from './client.js';
import { MAX_DEVICE_PAGE, PATHS, VENDOR } from './constants.js';
import { requireAuthClient } from './require-auth-client.js';
import {
  deviceDetailsSchema,
  deviceListDataSchema,
  envelopeSchema,
  type NavienDevice,
  type NavienDeviceDetails,
} from './schemas.js';

const deviceListReplySchema = envelopeSchema.extend({ data: deviceListDataSchema });
const deviceInfoReplySchema = envelopeSchema.extend({ data: deviceDetailsSchema });

/** Options of {@link NavienApiClient.listDevices}. */
export interface ListDevicesOptions {
  /** First device to return. Default 0. */
  offset?: number;
  /** Page size, 1 to 20 (the cloud's limit). Default 20. */
  count?: number;
  signal?: AbortSignal;
}

const LIST_DEVICES_OPTION_KEYS = {
  offset: true,
  count: true,
  signal: true,
} as const satisfies OptionKeys<ListDevicesOptions>;

/** Identifies one device in REST calls: both values come from {@link NavienApiClient.listDevices}. */
export interface DeviceRef {
  macAddress: string;
  additionalValue: string;
}

/**
 * The NaviLink REST calls. Each one goes through the auth client, which
 * applies its `storedTokens` first and adds a valid session; a 401 (HTTP status or JSON `code`) renews the session once and
 * replays the call once before it surfaces as an `ApiError`.
 */
export class NavienApiClient {
  readonly #auth: NavienAuthClient;

  /** Uses `auth` for every call; one auth client can serve API and MQTT clients alike. */
  constructor(auth: NavienAuthClient) {
    this.#auth = requireAuthClient(auth, 'NavienApiClient');
  }

  /** One page of the account's devices (`POST /device/list`). */
  async listDevices(options: ListDevicesOptions = {}): Promise<NavienDevice[]> {
    checkOptionsObject(options, 'listDevices', LIST_DEVICES_OPTION_KEYS, VENDOR);
    const offset = options.offset ?? 0;
    const count = options.count ?? MAX_DEVICE_PAGE;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new ConfigurationError('offset must be a non-negative integer', { vendor: VENDOR });
    }
    if (!Number.isInteger(count) || count < 1 || count > MAX_DEVICE_PAGE) {
      throw new ConfigurationError(`count must be an integer from 1 to ${MAX_DEVICE_PAGE}`, {
        vendor: VENDOR,
      });
    }
    const reply = await this.#auth[AUTHORIZED_JSON](PATHS.deviceList, deviceListReplySchema, {
      method: 'post',
      json: { offset, count, userId: this.#userId() },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return reply.data ?? [];
  }

  /** Details of one device: location, installer, alarms, descaling (`POST /device/info`). */
  async getDeviceInfo(device: DeviceRef, signal?: AbortSignal): Promise<NavienDeviceDetails> {
    if (typeof device?.macAddress !== 'string' || device.macAddress === '') {
      throw new ConfigurationError('device.macAddress must be a non-empty string', { vendor: VENDOR });
    }
    if (typeof device.additionalValue !== 'string') {
      throw new ConfigurationError('device.additionalValue must be a string', { vendor: VENDOR });
    }
    const reply = await this.#auth[AUTHORIZED_JSON](PATHS.deviceInfo, deviceInfoReplySchema, {
      method: 'post',
      json: {
        macAddress: device.macAddress,
        additionalValue: device.additionalValue,
        userId: this.#userId(),
      },
      ...(signal ? { signal } : {}),
    });
    return reply.data;
  }

  #userId(): string {
    const email = this.#auth.userEmail;
    if (email === undefined) {
      throw new ConfigurationError('The auth client has no e-mail to send as userId', { vendor: VENDOR });
    }
    return email;
  }
}
