import type { AuthorizedHttp, Clock } from '@tokenwise/auth-core/vendor';
import { DATA_CALL_CONSTANTS, DATA_CALL_HEADERS, DEVICE_PAGE_SIZE, PATHS } from './constants.js';
import { devicesResponseSchema, type VeSyncDevice, type VeSyncSession } from './schemas.js';
import { dataTraceId } from './trace-id.js';

// A runaway `total` must not turn one call into thousands.
const MAX_PAGES = 100;

/**
 * The fields every data call's body carries besides its own: the app's
 * constants, the time zone and a trace id (`token`/`accountID` are set by the
 * strategy's `authorize`). `request()` adds them under the caller's fields.
 */
export function dataCallBody(timeZone: string, now: number) {
  return { ...DATA_CALL_CONSTANTS, timeZone, traceId: dataTraceId(now) };
}

/** The device-list body; `token`/`accountID` are filled by the strategy's `authorize`. */
export function devicesBody(pageNo: number, pageSize: number, timeZone: string, now: number) {
  return {
    ...DATA_CALL_CONSTANTS,
    accountID: '',
    method: 'devices',
    pageNo,
    pageSize,
    timeZone,
    token: '',
    traceId: dataTraceId(now),
  };
}

/** Every device of the account: all pages of `POST /cloud/v1/deviceManaged/devices`. */
export async function listAllDevices(
  http: AuthorizedHttp<VeSyncSession>,
  timeZone: string,
  clock: Clock,
  signal?: AbortSignal,
): Promise<VeSyncDevice[]> {
  const devices: VeSyncDevice[] = [];
  for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
    const page = await http.json(PATHS.devices, devicesResponseSchema, {
      method: 'post',
      json: devicesBody(pageNo, DEVICE_PAGE_SIZE, timeZone, clock.now()),
      headers: { ...DATA_CALL_HEADERS },
      ...(signal ? { signal } : {}),
    });
    devices.push(...page.result.list);
    if (page.result.list.length === 0 || devices.length >= page.result.total) break;
  }
  return devices;
}
