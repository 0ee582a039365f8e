export * from '@tokenwise/auth-core';
export type { VeSyncBaseUrl } from './base-url.js';
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
export { isTokenErrorCode, VeSyncCodes, veSyncError } from './errors.js';
export { regionForCountry, type VeSyncRegion } from './region.js';
export {
  type VeSyncDevice,
  type VeSyncSession,
  veSyncSessionSchema,
} from './schemas.js';
export { createVeSyncStrategy, type VeSyncStrategyOptions } from './strategy.js';
export { TerminalIdentity } from './terminal-identity.js';
