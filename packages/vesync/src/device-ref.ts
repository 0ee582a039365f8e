import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

/**
 * What a device call needs to address a device: an entry of
 * {@link VeSync.getDevices} fits as it is. `cid` names the device,
 * `configModule` and `deviceType` go into the request envelope (and pick the
 * payloads of the typed helpers); `uuid` is needed by the V1 calls of older
 * devices (`deviceDetail`, the 15A outlet's switch).
 */
export interface VeSyncDeviceRef {
  /** The device's cloud id. */
  cid?: string | null | undefined;
  /** The model, e.g. `Core300S`, `LUH-A602S-WUS`, `ESW15-USA`. */
  deviceType: string;
  /** The device's configuration module, sent back as `configModule` / `configModel`. */
  configModule?: string | null | undefined;
  /** The device's uuid (V1 calls). */
  uuid?: string | null | undefined;
  /** The region the device is registered in (`US`/`EU`), sent as `deviceRegion`. */
  deviceRegion?: string | null | undefined;
}

/** A checked {@link VeSyncDeviceRef}: every field the envelope needs is a string. */
export interface CheckedDevice {
  cid: string;
  deviceType: string;
  configModule: string;
  uuid: string | undefined;
  deviceRegion: string | undefined;
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Checks a device argument before any request; a ConfigurationError names what is missing. */
export function checkDevice(device: unknown, owner: string): CheckedDevice {
  if (typeof device !== 'object' || device === null || Array.isArray(device)) {
    throw new ConfigurationError(`${owner} needs a device (an entry of getDevices())`, { vendor: VENDOR });
  }
  const given = device as Record<string, unknown>;
  const cid = optionalString(given.cid);
  if (cid === undefined) {
    throw new ConfigurationError(`${owner}: device \`cid\` must be a non-empty string`, { vendor: VENDOR });
  }
  const deviceType = optionalString(given.deviceType);
  if (deviceType === undefined) {
    throw new ConfigurationError(`${owner}: device \`deviceType\` must be a non-empty string`, {
      vendor: VENDOR,
    });
  }
  if (
    given.configModule !== undefined &&
    given.configModule !== null &&
    typeof given.configModule !== 'string'
  ) {
    throw new ConfigurationError(`${owner}: device \`configModule\` must be a string`, { vendor: VENDOR });
  }
  return {
    cid,
    deviceType,
    configModule: optionalString(given.configModule) ?? '',
    uuid: optionalString(given.uuid),
    deviceRegion: optionalString(given.deviceRegion),
  };
}
