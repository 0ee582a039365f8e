// @tokenwise/tado: the user face of auth-core (errors, stores, Secret) and the tado client.
export * from '@tokenwise/auth-core';
export type { DataCallOptions } from './api.js';
export { Tado, type TadoLoginOptions } from './client.js';
export type { EnvSource, TadoBaseUrls, TadoOptions } from './client-options.js';
export {
  DEFAULT_ACCOUNT,
  ENV,
  TADO_API_URL,
  TADO_AUTH_URL,
  TADO_CLIENT_ID,
  VENDOR,
} from './constants.js';
export type { DeviceCode, DeviceCodeHandler } from './device-code.js';
export { DeviceCodeDeniedError, DeviceCodeExpiredError, TadoLoginRequiredError } from './errors.js';
export type {
  HomeRef,
  TadoMe,
  TadoSession,
  Zone,
  ZoneOverlay,
  ZoneOverlayInput,
  ZoneSetting,
  ZoneState,
} from './schemas.js';
export { TadoStrategy, type TadoStrategyOptions } from './strategy.js';
