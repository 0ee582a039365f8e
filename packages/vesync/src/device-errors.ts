import { ApiError, type ApiErrorOptions } from '@tokenwise/auth-core/vendor';

/**
 * Why a device call failed on the device's side: it is not connected to the
 * cloud, it does not know the method (or these arguments), or it refused the
 * command for a reason of its own (a fault, an empty tank...).
 */
export type VeSyncDeviceErrorReason = 'offline' | 'unsupported' | 'refused';

/** Options of {@link VeSyncDeviceError}. */
export interface VeSyncDeviceErrorOptions extends ApiErrorOptions {
  /** What kind of refusal this is. */
  reason: VeSyncDeviceErrorReason;
  /** The `cid` of the device the call was for, when known. */
  cid?: string | undefined;
}

/**
 * A device call that VeSync answered with a result code of the device (in
 * the envelope's `code`, or the inner `result.code` of a bypass answer),
 * always inside HTTP 200. An {@link ApiError} by `code`; `vendorCode` holds
 * VeSync's number and `reason` says which kind it is, so a handler can tell
 * the kinds apart even when two copies of this package are installed.
 */
export class VeSyncDeviceError extends ApiError {
  /** What kind of refusal this is. */
  readonly reason: VeSyncDeviceErrorReason;
  /** The `cid` of the device the call was for, when known. */
  readonly cid: string | undefined;

  constructor(message: string, options: VeSyncDeviceErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    this.cid = options.cid;
  }
}

/** The device is not connected to VeSync's cloud (codes `-11300xxx`, e.g. `-11300030 "device offline"`). */
export class DeviceOfflineError extends VeSyncDeviceError {}

/**
 * The device (or the cloud) does not support the method or the arguments
 * sent: inner `result.code` `11000000` / `11017000`, or the envelope's
 * `-11004xxx "method not found"`.
 */
export class UnsupportedMethodError extends VeSyncDeviceError {}
