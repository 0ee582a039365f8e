import { VENDOR } from './constants.js';
import { DeviceOfflineError, UnsupportedMethodError, VeSyncDeviceError } from './device-errors.js';

/** Result codes of devices (pyvesync's table, matched by family: the code rounded toward zero to the thousand). */
export const DeviceCodes = {
  /** Envelope `code`: the device is not connected (`-11300030 "device offline"` on the wire). */
  offline: -11300000,
  /** Envelope `code`: an outer `method` or path the cloud does not know. */
  methodNotFound: -11004000,
  /** Inner `result.code`: the device does not take this payload method or these arguments. */
  parameterInvalid: 11000000,
  /** Inner `result.code`: the device does not support the feature. */
  notSupported: 11017000,
} as const;

const family = (code: number): number => Math.trunc(code / 1000) * 1000;

/** The typed error of an envelope code about a device, or `undefined` when the code is about something else. */
export function outerDeviceError(code: number, msg: string, status: number): VeSyncDeviceError | undefined {
  const options = { vendor: VENDOR, status, vendorCode: code };
  switch (family(code)) {
    case DeviceCodes.offline:
      return new DeviceOfflineError(`The VeSync device is offline (code ${code}: ${msg})`, {
        ...options,
        reason: 'offline',
      });
    case DeviceCodes.methodNotFound:
      return new UnsupportedMethodError(`VeSync does not know this call (code ${code}: ${msg})`, {
        ...options,
        reason: 'unsupported',
      });
  }
  return undefined;
}

/** The typed error of a non-zero inner `result.code` of a bypass answer. */
export function innerDeviceError(code: number, method: string, cid: string, msg?: string): VeSyncDeviceError {
  const options = { vendor: VENDOR, status: 200, vendorCode: code, cid };
  const why = msg === undefined ? `code ${code}` : `code ${code}: ${msg}`;
  const kind = family(code);
  if (kind === DeviceCodes.parameterInvalid || kind === DeviceCodes.notSupported) {
    return new UnsupportedMethodError(
      `The VeSync device does not support ${method} with these arguments (${why})`,
      { ...options, reason: 'unsupported' },
    );
  }
  // 4041004 is the device-offline code some devices put in the inner result (pyvesync's table).
  if (code === 4041004) {
    return new DeviceOfflineError(`The VeSync device is offline (${why})`, { ...options, reason: 'offline' });
  }
  return new VeSyncDeviceError(`The VeSync device refused ${method} (${why})`, {
    ...options,
    reason: 'refused',
  });
}
