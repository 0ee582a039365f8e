import { sessionBaseSchema, tolerant } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';

const regionSchema = z.enum(['US', 'EU']);

/** `"2"` followed by 32 lower-case hex digits: the id VeSync ties a login to. */
export const terminalIdSchema = z.string().regex(/^2[0-9a-f]{32}$/);

// pyvesync 3.x sends numbers, tsvesync and 2.x strings; the server answers in kind.
const numberish = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/**
 * Every VeSync answer, success or not, is HTTP 200 with this envelope; `code`
 * 0 means success. `result` is checked by the call-specific schemas below.
 */
export const envelopeSchema = z.object({
  traceId: z.string().nullable().optional(),
  code: z.number().int(),
  msg: z.string().nullable().optional(),
  result: z.unknown().optional(),
});

/** The envelope of any VeSync answer. */
export type VeSyncEnvelope = z.infer<typeof envelopeSchema>;

/** Step 1 (`authByPWDOrOTM`) success: what step 2 needs. */
export const authorizeResultSchema = z.looseObject({
  accountID: z.string().min(1),
  authorizeCode: z.string().min(1),
  bizToken: z.string().nullable().optional(),
  mfaMethodList: z.unknown().optional(),
});

/** Step 2 (`loginByAuthorizeCode4Vesync`) success. About 25 profile fields are ignored. */
export const tokenResultSchema = z.looseObject({
  token: z.string().min(1),
  accountID: z.string().min(1),
  countryCode: z.string().min(2),
  currentRegion: regionSchema.optional(),
});

/** Step 2 answered `-11260022`: the account lives on the other host. */
export const crossRegionResultSchema = z.looseObject({
  currentRegion: regionSchema,
  countryCode: z.string().min(2),
  accountID: z.string().nullable().optional(),
  bizToken: z.string().min(1),
  token: z.null().optional(),
});

/**
 * One entry of the device list. What the SDK acts on is strict: `deviceType`
 * (picks the typed helpers), `cid`, `uuid` and `configModule` (sent back in
 * device calls). Every other documented key is read tolerantly (its recorded
 * type, or `undefined` when the value drifted), and anything else VeSync
 * adds (newer devices nest state in `deviceProp`) is kept as `unknown`.
 */
export const deviceSchema = z.looseObject({
  deviceType: z.string(),
  cid: z.string().nullable().optional(),
  uuid: z.string().nullable().optional(),
  configModule: z.string().nullable().optional(),
  deviceName: tolerant(z.string()),
  macID: tolerant(z.string().nullable()),
  type: tolerant(z.string().nullable()),
  deviceRegion: tolerant(z.string().nullable()),
  deviceStatus: tolerant(z.string().nullable()),
  connectionStatus: tolerant(z.string().nullable()),
  connectionType: tolerant(z.string().nullable()),
  currentFirmVersion: tolerant(z.string().nullable()),
  // Devices disagree on the type of these (number or string).
  subDeviceNo: tolerant(z.union([z.number(), z.string()]).nullable()),
  subDeviceType: tolerant(z.string().nullable()),
  isOwner: tolerant(z.boolean().nullable()),
  deviceImg: tolerant(z.string().nullable()),
  mode: tolerant(z.string().nullable()),
  speed: tolerant(z.union([z.string(), z.number()]).nullable()),
  deviceProp: z.unknown().optional(),
  extension: z.unknown().optional(),
});

/**
 * One device of the account, as the device list reports it. `deviceType`,
 * `cid`, `uuid` and `configModule` are checked strictly; the other
 * documented fields are their recorded type or `undefined` (a drifted value
 * reads as `undefined`); any other key VeSync sends is kept as `unknown`.
 */
export interface VeSyncDevice {
  /** The model, e.g. `Core300S`, `ESW15-USA`. */
  deviceType: string;
  /** The device's cloud id (null for Bluetooth scales). */
  cid?: string | null | undefined;
  uuid?: string | null | undefined;
  configModule?: string | null | undefined;
  /** The name the user gave the device. */
  deviceName?: string | undefined;
  macID?: string | null | undefined;
  /** The product line, e.g. `wifi-air`, `wifi-switch`. */
  type?: string | null | undefined;
  deviceRegion?: string | null | undefined;
  /** `on` / `off`. */
  deviceStatus?: string | null | undefined;
  /** `online` / `offline`. */
  connectionStatus?: string | null | undefined;
  connectionType?: string | null | undefined;
  currentFirmVersion?: string | null | undefined;
  subDeviceNo?: string | number | null | undefined;
  subDeviceType?: string | null | undefined;
  isOwner?: boolean | null | undefined;
  deviceImg?: string | null | undefined;
  mode?: string | null | undefined;
  speed?: string | number | null | undefined;
  /** Newer devices' state (`powerSwitch`, `connectionStatus`, `wifiMac`). */
  deviceProp?: unknown;
  extension?: unknown;
  /** Anything else VeSync sends. */
  [key: string]: unknown;
}

// The schema's output must stay assignable to the documented interface.
const checkDeviceType: z.ZodType<VeSyncDevice> = deviceSchema;
void checkDeviceType;

/** One page of `POST /cloud/v1/deviceManaged/devices`. */
export const devicePageSchema = z.object({
  pageNo: numberish,
  pageSize: numberish,
  total: numberish,
  list: z.array(deviceSchema),
});

/** The device-list answer (envelope with a page as `result`). */
export const devicesResponseSchema = envelopeSchema.extend({
  code: z.literal(0),
  result: devicePageSchema,
});

/** What the session manager stores for a VeSync account. */
export const veSyncSessionSchema = sessionBaseSchema.extend({
  vendor: z.literal('vesync'),
  token: z.string().min(1),
  accountId: z.string().min(1),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  region: regionSchema,
  /** Kept across logins: a new one makes VeSync e-mail the user about a "new login". */
  terminalId: terminalIdSchema,
  /**
   * Only on a token handed in without its region (a pyvesync file that has
   * none): `region` is a guess from the country, so the strategy's `verify`
   * asks the other host too when the guessed one refuses it. `verify` drops it.
   */
  regionGuessed: z.boolean().optional(),
});

/** A VeSync session: token, account id, the host that issued it and the stable terminal id. */
export type VeSyncSession = z.infer<typeof veSyncSessionSchema>;
