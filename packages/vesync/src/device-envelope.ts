import { DATA_CALL_CONSTANTS } from './constants.js';
import type { CheckedDevice } from './device-ref.js';
import { dataTraceId } from './trace-id.js';

/** What the envelope of a device call takes from the client. */
export interface EnvelopeContext {
  timeZone: string;
  now: number;
  /** The account's country (pyvesync sends it as `userCountryCode`). */
  countryCode: string;
  /** The account's region, the fallback `deviceRegion`. */
  region: string;
}

/**
 * The body fields every device call carries, as pyvesync 3.x sends them
 * (`RequestBypassV2` / `RequestBypassV1`) plus tsvesync's `deviceRegion`.
 * `token` and `accountID` are filled in by the strategy's `authorize`.
 */
function deviceFields(device: CheckedDevice, context: EnvelopeContext, method: string) {
  return {
    ...DATA_CALL_CONSTANTS,
    accountID: '',
    cid: device.cid,
    configModel: device.configModule,
    configModule: device.configModule,
    debugMode: false,
    deviceId: device.cid,
    deviceRegion: device.deviceRegion ?? context.region,
    method,
    timeZone: context.timeZone,
    token: '',
    traceId: dataTraceId(context.now),
    userCountryCode: context.countryCode,
  };
}

/** The payload of a bypassV2 call: the device method and its data. */
export interface BypassV2PayloadBody {
  method: string;
  source: string;
  data: object;
  subDeviceNo?: number;
}

/** The body of `POST cloud/v2/deviceManaged/bypassV2`. */
export function bypassV2Body(device: CheckedDevice, context: EnvelopeContext, payload: BypassV2PayloadBody) {
  return { ...deviceFields(device, context, 'bypassV2'), payload };
}

/** The body of a V1 device call (`cloud/v1/deviceManaged/<method>`), e.g. `deviceDetail`. */
export function deviceV1Body(
  device: CheckedDevice,
  context: EnvelopeContext,
  method: string,
  extra: Record<string, unknown> = {},
) {
  return {
    ...deviceFields(device, context, method),
    ...(device.uuid === undefined ? {} : { uuid: device.uuid }),
    ...extra,
  };
}
