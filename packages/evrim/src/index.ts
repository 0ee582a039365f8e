export * from '@tokenwise/auth-core';
export { EvrimApi, type GeneratedDocument, type RequestOptions } from './api.js';
export { Evrim, type EvrimSessionInfo, type ValidateTokenOptions } from './client.js';
export type { EnvSource, EvrimFromTokenOptions, EvrimOptions } from './client-options.js';
export {
  ACCESS_TOKEN_LIFETIME_MS,
  EVRIM_PRODUCTION_URL,
  REFRESH_TOKEN_LIFETIME_MS,
} from './constants.js';
export type { ResearchRequest } from './research-request.js';
export {
  type EvrimSession,
  evrimSessionSchema,
  type Paragraph,
  type Report,
  type ReportBody,
  type ReportPointOfView,
  type ReportStyle,
  type ReportTone,
  type Run,
  type RunTask,
  type Section,
  type Task,
  type TaskStatus,
} from './schemas.js';
export { EvrimStrategy, type EvrimStrategyOptions } from './strategy.js';
export type { TokenCallContext, TokenEndpoints } from './token-endpoints.js';
