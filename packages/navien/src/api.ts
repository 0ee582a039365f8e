import {
  ConfigurationError,
  checkOptionsObject,
  checkSignalOption,
  checkStringOption,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import { AUTHORIZED_JSON } from './authorized-json.js';
import type { NavienAuthClient } from './client.js';
import { MAX_DEVICE_PAGE, PATHS, VENDOR } from './constants.js';
import { firmwareInfoDataSchema, type NavienFirmware } from './firmware.js';
import { type PushTokenRegistration, pushTokenClientFields } from './push-token.js';
import { requireAuthClient } from './require-auth-client.js';
import {
  deviceDetailsSchema,
  deviceListDataSchema,
  envelopeSchema,
  type NavienDevice,
  type NavienDeviceDetails,
} from './schemas.js';
import { type NavienTouInfo, touDataSchema } from './tou.js';
import { checkUpdateTouOptions, type UpdateTouOptions } from './tou-update.js';

const deviceListReplySchema = envelopeSchema.extend({ data: deviceListDataSchema });
const deviceInfoReplySchema = envelopeSchema.extend({ data: deviceDetailsSchema });
const firmwareReplySchema = envelopeSchema.extend({ data: firmwareInfoDataSchema });
const touReplySchema = envelopeSchema.extend({ data: touDataSchema });

const PUSH_TOKEN_OPTION_KEYS = {
  pushToken: true,
  modelName: true,
  appVersion: true,
  os: true,
  osVersion: true,
  signal: true,
} as const satisfies OptionKeys<PushTokenRegistration>;

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
 * A device and its controller, as `GET /device/tou` asks for them. The
 * controller id is the device's `controllerSerialNumber` (its MQTT feature
 * report) and the `controllerId` of an earlier TOU answer.
 */
export interface TouDeviceRef extends DeviceRef {
  controllerId: string;
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
    checkDeviceRef(device);
    const reply = await this.#auth[AUTHORIZED_JSON](PATHS.deviceInfo, deviceInfoReplySchema, {
      method: 'post',
      json: this.#deviceBody(device),
      ...(signal ? { signal } : {}),
    });
    return reply.data;
  }

  /**
   * The firmware modules of one device and their versions
   * (`POST /device/firmware/info`); an empty list when the cloud reports none.
   */
  async getFirmwareInfo(device: DeviceRef, signal?: AbortSignal): Promise<NavienFirmware[]> {
    checkDeviceRef(device);
    const reply = await this.#auth[AUTHORIZED_JSON](PATHS.firmwareInfo, firmwareReplySchema, {
      method: 'post',
      json: this.#deviceBody(device),
      ...(signal ? { signal } : {}),
    });
    return reply.data?.firmwares ?? [];
  }

  /** The time-of-use plan a device runs: utility, plan name and priced schedule (`GET /device/tou`). */
  async getTouInfo(device: TouDeviceRef, signal?: AbortSignal): Promise<NavienTouInfo> {
    checkDeviceRef(device);
    const controllerId = checkStringOption(device.controllerId, 'device.controllerId', VENDOR);
    if (controllerId === undefined) {
      throw new ConfigurationError('device.controllerId must be a non-empty string', { vendor: VENDOR });
    }
    const reply = await this.#auth[AUTHORIZED_JSON](PATHS.tou, touReplySchema, {
      method: 'get',
      searchParams: {
        additionalValue: device.additionalValue,
        controllerId,
        macAddress: device.macAddress,
        userId: this.#userId(),
        userType: await this.#userType(signal),
      },
      ...(signal ? { signal } : {}),
    });
    return reply.data;
  }

  /**
   * Applies a time-of-use plan to a device (`PUT /device/tou`, the call
   * nwp500's `update_tou` makes) and returns what the cloud now holds; the
   * next {@link getTouInfo} reads the same plan.
   */
  async updateTou(device: DeviceRef, options: UpdateTouOptions): Promise<NavienTouInfo> {
    checkDeviceRef(device);
    const { signal, ...body } = checkUpdateTouOptions(options);
    const reply = await this.#auth[AUTHORIZED_JSON](PATHS.tou, touReplySchema, {
      method: 'put',
      json: {
        additionalValue: device.additionalValue,
        macAddress: device.macAddress,
        registerPath: body.registerPath,
        sourceData: body.sourceData,
        sourceType: body.sourceType,
        touInfo: body.touInfo,
        userId: this.#userId(),
        userType: await this.#userType(signal),
        zipCode: body.zipCode,
      },
      ...(signal ? { signal } : {}),
    });
    return reply.data;
  }

  /**
   * Registers the token push notifications (alarms, errors) go to
   * (`POST /app/update-push-token`). The cloud answers only `SUCCESS`.
   */
  async updatePushToken(registration: PushTokenRegistration): Promise<void> {
    const checked = checkOptionsObject(registration, 'updatePushToken', PUSH_TOKEN_OPTION_KEYS, VENDOR);
    const pushToken = checkStringOption(checked.pushToken, 'pushToken', VENDOR);
    if (pushToken === undefined) {
      throw new ConfigurationError('pushToken must be a non-empty string', { vendor: VENDOR });
    }
    for (const key of ['modelName', 'appVersion', 'os', 'osVersion'] as const) {
      checkStringOption(checked[key], key, VENDOR);
    }
    const signal = checkSignalOption(checked.signal, 'signal', VENDOR);
    await this.#auth[AUTHORIZED_JSON](PATHS.pushToken, envelopeSchema, {
      method: 'post',
      json: { ...pushTokenClientFields(registration), userId: this.#userId(), pushToken },
      ...(signal ? { signal } : {}),
    });
  }

  #deviceBody(device: DeviceRef): Record<string, string> {
    return {
      macAddress: device.macAddress,
      additionalValue: device.additionalValue,
      userId: this.#userId(),
    };
  }

  /**
   * The account type the TOU calls send: the signed-in user's, `O` (owner)
   * when unknown (tokens restored without the user). Opens the auth client
   * first, so the user of a fresh sign-in is known.
   */
  async #userType(signal: AbortSignal | undefined): Promise<string> {
    await this.#auth.open(signal);
    return this.#auth.currentUser?.userType || 'O';
  }

  #userId(): string {
    const email = this.#auth.userEmail;
    if (email === undefined) {
      throw new ConfigurationError('The auth client has no e-mail to send as userId', { vendor: VENDOR });
    }
    return email;
  }
}

function checkDeviceRef(device: DeviceRef): void {
  if (typeof device?.macAddress !== 'string' || device.macAddress === '') {
    throw new ConfigurationError('device.macAddress must be a non-empty string', { vendor: VENDOR });
  }
  if (typeof device.additionalValue !== 'string') {
    throw new ConfigurationError('device.additionalValue must be a string', { vendor: VENDOR });
  }
}
