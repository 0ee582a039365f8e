export * from '@tokenwise/auth-core';
export type { VeSyncBaseUrl } from './base-url.js';
export type { BypassV2Options, BypassV2Payload } from './bypass-v2.js';
export {
  VeSync,
  type VeSyncCredentialsInput,
  type VeSyncLoginOptions,
  type VeSyncOptions,
} from './client.js';
export { DEFAULT_BASE_URL, EU_URL_ENV_VAR, URL_ENV_VAR } from './constants.js';
export {
  CREDENTIAL_FILE_NAME,
  defaultCredentialPath,
  type PyvesyncCredentialsJson,
  type VeSyncCredentials,
} from './credential-file.js';
export { DeviceCodes } from './device-codes.js';
export {
  DeviceOfflineError,
  UnsupportedMethodError,
  VeSyncDeviceError,
  type VeSyncDeviceErrorOptions,
  type VeSyncDeviceErrorReason,
} from './device-errors.js';
export type { DeviceCallOptions } from './device-handle.js';
export {
  HUMIDIFIER_MODELS,
  type HumidifierMode,
  type HumidifierModel,
  OUTLET_MODELS,
  PURIFIER_MODELS,
  type PurifierMode,
  type PurifierModel,
} from './device-models.js';
export type { VeSyncDeviceRef } from './device-ref.js';
export type { VeSyncDeviceDetail } from './device-schemas.js';
export { isTokenErrorCode, VeSyncCodes, veSyncError } from './errors.js';
export { type HumidifierStatus, VeSyncHumidifier } from './humidifier.js';
export { type OutletStatus, VeSyncOutlet } from './outlet.js';
export { type PurifierStatus, VeSyncPurifier } from './purifier.js';
export { regionForCountry, type VeSyncRegion } from './region.js';
export {
  type VeSyncDevice,
  type VeSyncSession,
  veSyncSessionSchema,
} from './schemas.js';
export { createVeSyncStrategy, type VeSyncStrategyOptions } from './strategy.js';
export { TerminalIdentity } from './terminal-identity.js';
