export * from '@tokenwise/auth-core';
export type { CloudHub } from './account.js';
export { ACCOUNT_POINTER_KEY, accountStateKey } from './account-state.js';
export { Cozify } from './client.js';
export { type CloudStrategy, type CloudStrategyOptions, createCloudStrategy } from './cloud-strategy.js';
export {
  CLOUD_URL_ENV,
  DEFAULT_CLOUD_URL,
  HUB_API_VERSION,
  HUB_LAN_PORT,
  HUB_PORT_ENV,
} from './constants.js';
export type {
  CozifyDeviceStateChange,
  HubDeviceCommand,
} from './device-commands.js';
export {
  type CozifyDevice,
  type CozifyDeviceState,
  deviceSchema,
  deviceStateSchema,
  devicesSchema,
} from './device-schemas.js';
export { CozifyHub, type HubRoute } from './hub.js';
export type {
  AuthenticateOptions,
  CozifyHubSummary,
  CozifyOptions,
  DiscoverHubsOptions,
  PingOptions,
  RefreshOptions,
  TokenOptions,
} from './options.js';
export type { OtpProvider, OtpRequest } from './otp.js';
export type { PythonImportResult } from './python-import.js';
export {
  defaultPythonCozifyStatePath,
  type PythonCozifyHub,
  type PythonCozifyState,
  parsePythonCozifyState,
} from './python-state.js';
export { type CozifyScene, sceneSchema, scenesSchema } from './scene-schemas.js';
export {
  accountStateSchema,
  type CozifyAccountState,
  type CozifyCloudSession,
  type CozifyHubInfo,
  type CozifyHubSession,
  type CozifyHubState,
  cloudSessionSchema,
  hubInfoSchema,
  hubKeysSchema,
  hubSessionSchema,
  hubStateSchema,
  lanIpsSchema,
  timeZoneSchema,
} from './schemas.js';
