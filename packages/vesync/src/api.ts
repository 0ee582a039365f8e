import {
  type ApiError,
  type AuthorizedHttp,
  type Clock,
  ErrorCodes,
  isTokenwiseError,
  requestJson,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import { DATA_CALL_CONSTANTS, DATA_CALL_HEADERS, DEVICE_PAGE_SIZE, PATHS, VENDOR } from './constants.js';
import { isTokenErrorCode, resultCodeOf } from './errors.js';
import { devicesResponseSchema, envelopeSchema, type VeSyncDevice, type VeSyncSession } from './schemas.js';
import { dataTraceId } from './trace-id.js';

// A runaway `total` must not turn one call into thousands.
const MAX_PAGES = 100;

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

/** Options of {@link probeToken}. */
export interface ProbeTokenOptions {
  fetch: typeof globalThis.fetch;
  baseUrl: string;
  token: string;
  accountId: string;
  timeZone: string;
  clock: Clock;
  mapError: VendorErrorMapper;
  signal?: AbortSignal | undefined;
}

/**
 * Checks a token obtained elsewhere (a saved file, another program) with the
 * cheapest authenticated call, a one-entry device page, without handing it to
 * the session manager first: a dead token must never overwrite a stored live one.
 * Resolves false when VeSync rejects the token; other failures throw.
 */
export async function probeToken(options: ProbeTokenOptions): Promise<boolean> {
  try {
    const body = await requestJson({
      fetch: options.fetch,
      url: `${options.baseUrl}/${PATHS.devices}`,
      headers: { ...DATA_CALL_HEADERS },
      json: {
        ...devicesBody(1, 1, options.timeZone, options.clock.now()),
        token: options.token,
        accountID: options.accountId,
      },
      schema: envelopeSchema,
      vendor: VENDOR,
      what: 'token check response',
      ...(options.signal ? { signal: options.signal } : {}),
      mapError: (response, payload) => {
        const code = resultCodeOf(payload);
        return code !== undefined && isTokenErrorCode(code) ? undefined : options.mapError(response, payload);
      },
    });
    return !isTokenErrorCode(body.code);
  } catch (error) {
    if (isTokenwiseError(error, ErrorCodes.ApiError)) {
      const status = (error as ApiError).status;
      if (status === 401 || status === 419) return false;
    }
    throw error;
  }
}
