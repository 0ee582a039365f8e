import { tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

/**
 * The envelope of a bypassV2 answer once the envelope `code` is 0 (other
 * codes are mapped to errors before this). The inner `result.code` is the
 * device's own result; the inner `result.result` is the device's payload.
 */
export const bypassV2ResponseSchema = z.looseObject({
  code: z.literal(0),
  msg: tolerant(z.string()),
  result: z.looseObject({
    code: z.number().int(),
    msg: tolerant(z.string()),
    traceId: tolerant(z.string()),
    result: z.unknown().optional(),
  }),
});

/** A successful V1 device call (`deviceDetail`, `deviceStatus`): the envelope with any `result`. */
export const deviceV1ResponseSchema = z.looseObject({
  code: z.literal(0),
  msg: tolerant(z.string()),
  result: z.unknown().optional(),
});

/**
 * The `result` of `cloud/v1/deviceManaged/deviceDetail`. Older devices (the
 * 15A outlet, wall switches) answer their state here. The call itself acts
 * on none of these fields, so each is read tolerantly (its recorded type, or
 * `undefined`), and fields not listed stay in the object as they came.
 */
export const deviceDetailSchema = z.looseObject({
  deviceStatus: tolerant(z.string()),
  connectionStatus: tolerant(z.string()),
  deviceName: tolerant(z.string()),
  deviceImg: tolerant(z.string()),
  activeTime: tolerant(z.number()),
  currentFirmVersion: tolerant(z.string()),
  power: tolerant(z.union([z.number(), z.string()])),
  voltage: tolerant(z.union([z.number(), z.string()])),
  energy: tolerant(z.number().nullable()),
});

/**
 * What `deviceDetail()` resolves: the device's `result`. Each listed field is
 * its recorded type or `undefined` (a drifted value reads as `undefined`);
 * every other field is kept as sent.
 */
export interface VeSyncDeviceDetail {
  /** `on` / `off`. */
  deviceStatus?: string | undefined;
  /** `online` / `offline`. */
  connectionStatus?: string | undefined;
  deviceName?: string | undefined;
  deviceImg?: string | undefined;
  /** Minutes on, as the device counts them. */
  activeTime?: number | undefined;
  currentFirmVersion?: string | undefined;
  /** Power drawn now (W) on outlets; some models send a string. */
  power?: number | string | undefined;
  /** Mains voltage (V) on outlets; some models send a string. */
  voltage?: number | string | undefined;
  /** Energy used today (kWh) on outlets. */
  energy?: number | null | undefined;
  /** Anything else the device sends. */
  [key: string]: unknown;
}

// The schema's output must stay assignable to the documented interface.
const checkDetailType: z.ZodType<VeSyncDeviceDetail> = deviceDetailSchema;
void checkDetailType;
