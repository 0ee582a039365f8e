export * from '@tokenwise/auth-core';
export { EvohomeClient, type EvohomeClientOptions } from './client.js';
export { EvohomeV2Client, type EvohomeV2ClientOptions } from './client-v2.js';
export {
  BASE_URL_ENV,
  DEFAULT_BASE_URL,
  DEFAULT_LOGIN_LOCKOUT_MS,
  DEFAULT_MIN_LOGIN_INTERVAL_MS,
  V1_SESSION_TTL_MS,
} from './constants.js';
export {
  type EvohomeHotWaterState,
  type EvohomeSystemMode,
  type EvohomeV1SystemMode,
  V1_SYSTEM_MODES,
  V2_SYSTEM_MODES,
} from './control-arguments.js';
export { EulaNotAcceptedError } from './errors.js';
export type { EvohomeCommonOptions } from './options.js';
export type {
  EvohomeScheduleInput,
  HotWaterScheduleInput,
  HotWaterSwitchpoint,
  ZoneScheduleInput,
  ZoneSwitchpoint,
} from './schedule-input.js';
export {
  type EvohomeV1Session,
  type EvohomeV2Session,
  evohomeV1SessionSchema,
  evohomeV2SessionSchema,
} from './schemas/session.js';
export type { V1Device, V1Location, V1UserInfo } from './schemas/v1.js';
export type {
  V2DhwStatus,
  V2Gateway,
  V2LocationInstallation,
  V2LocationStatus,
  V2Schedule,
  V2SystemStatus,
  V2UserAccount,
  V2ZoneStatus,
} from './schemas/v2.js';
export type { EvohomeStrategyOptions } from './strategy-options.js';
export { createEvohomeV1Strategy, type EvohomeV1StrategyOptions } from './strategy-v1.js';
export { createEvohomeV2Strategy, type EvohomeV2StrategyOptions } from './strategy-v2.js';
export { EvohomeTaskFailedError, EvohomeTaskTimeoutError } from './task-errors.js';
export { DEFAULT_TASK_INTERVAL_MS, DEFAULT_TASK_TIMEOUT_MS, type WaitForTaskOptions } from './task-wait.js';
export type { EvohomeTemperature } from './temperatures.js';
export type { EvohomeUserData } from './user-data.js';
export type { ReadUserDataOptions, UserDataFileProblem } from './user-data-file.js';
export type { EvohomeCancelOptions, EvohomeWriteOptions } from './write-options.js';
