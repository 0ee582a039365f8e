import {
  ConfigurationError,
  checkOptionsObject,
  checkSignalOption,
  checkStringOption,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';
import { type NavienTouPlanInput, touPlanInputSchema } from './tou.js';

/** What `NavienApiClient.updateTou` applies (`PUT /device/tou`, as nwp500's `update_tou` sends it). */
export interface UpdateTouOptions {
  /** The plan: name, utility, ZIP code and the priced schedule (from `convert`, or `getTouInfo` of another device). */
  touInfo: NavienTouPlanInput;
  /** Service-area ZIP code. Default `touInfo.zipCode`. */
  zipCode?: string;
  /** The OpenEI rate plan the schedule was converted from. Default `{}`. */
  sourceData?: Record<string, unknown>;
  /** How the device is connected. Default `wifi`. */
  registerPath?: string;
  /** Where the plan came from. Default `openei`. */
  sourceType?: string;
  signal?: AbortSignal;
}

const UPDATE_TOU_OPTION_KEYS = {
  touInfo: true,
  zipCode: true,
  sourceData: true,
  registerPath: true,
  sourceType: true,
  signal: true,
} as const satisfies OptionKeys<UpdateTouOptions>;

/** The request body of `PUT /device/tou` without the device and user fields. */
export interface TouUpdateBody {
  touInfo: NavienTouPlanInput;
  zipCode: string;
  sourceData: Record<string, unknown>;
  registerPath: string;
  sourceType: string;
  signal: AbortSignal | undefined;
}

/** Checks `updateTou`'s options before anything is sent; bad input is a `ConfigurationError` naming the field. */
export function checkUpdateTouOptions(options: unknown): TouUpdateBody {
  const checked = checkOptionsObject(options, 'updateTou', UPDATE_TOU_OPTION_KEYS, VENDOR);
  const plan = touPlanInputSchema.safeParse(checked.touInfo);
  if (!plan.success) {
    const issue = plan.error.issues[0];
    const where = ['touInfo', ...(issue?.path ?? [])].join('.');
    throw new ConfigurationError(`updateTou: ${where} ${issue?.message ?? 'is invalid'}`, { vendor: VENDOR });
  }
  const zipCode =
    checkStringOption(checked.zipCode, 'updateTou zipCode', VENDOR) ??
    (plan.data.zipCode === undefined ? undefined : String(plan.data.zipCode));
  if (zipCode === undefined) {
    throw new ConfigurationError('updateTou: pass zipCode (or touInfo.zipCode)', { vendor: VENDOR });
  }
  const sourceData = checked.sourceData ?? {};
  if (Object.prototype.toString.call(sourceData) !== '[object Object]') {
    throw new ConfigurationError('updateTou: sourceData must be a plain object', { vendor: VENDOR });
  }
  return {
    // The caller's own object goes on the wire: fields the check does not know are kept.
    touInfo: checked.touInfo as NavienTouPlanInput,
    zipCode,
    sourceData: sourceData as Record<string, unknown>,
    registerPath: checkStringOption(checked.registerPath, 'updateTou registerPath', VENDOR) ?? 'wifi',
    sourceType: checkStringOption(checked.sourceType, 'updateTou sourceType', VENDOR) ?? 'openei',
    signal: checkSignalOption(checked.signal, 'updateTou signal', VENDOR),
  };
}
