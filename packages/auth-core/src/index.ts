/**
 * The user's face of auth-core: what a program using a vendor SDK handles — errors, stores,
 * `Secret`, session and event types. Every vendor package re-exports exactly this
 * (`export * from '@tokenwise/auth-core'`). What only vendor authors need lives in
 * `@tokenwise/auth-core/vendor`.
 *
 * @packageDocumentation
 */
export type { Clock } from './clock.js';
export {
  AbortError,
  ApiError,
  type ApiErrorOptions,
  AuthenticationError,
  ClientClosedError,
  ConfigurationError,
  ErrorCodes,
  InvalidCredentialsError,
  isAuthenticationFailure,
  isTokenwiseError,
  NetworkError,
  NotFoundError,
  OtpRequiredError,
  RateLimitError,
  type RateLimitErrorOptions,
  ResponseShapeError,
  ResponseTooLargeError,
  type ResponseTooLargeErrorOptions,
  type ShapeIssue,
  StoreError,
  TimeoutError,
  TokenExpiredError,
  TokenRefreshError,
  TokenwiseError,
  type TokenwiseErrorCode,
  type TokenwiseErrorOptions,
  type TokenwiseErrorsByCode,
} from './errors.js';
export type { ClientOptions } from './kit/client-options.js';
export type { QuotaEventFields } from './manager/request-quota.js';
export type { SessionEventBase, SessionManagerEvents } from './manager-events.js';
export type { QuotaRecord } from './quota-record.js';
export { redactText, Secret, toSecret } from './secret.js';
export type { SessionBase, StoredSession } from './session.js';
export type {
  AdoptOptions,
  RenewOptions,
  SessionManager,
  SessionManagerStats,
} from './session-manager.js';
export { defaultStorePath } from './store/default-store-path.js';
export {
  FileStore,
  type FileStoreEvents,
  type FileStoreOptions,
  type StoreCorruptEvent,
  type StorePermissionsEvent,
} from './store/file-store.js';
export { MemoryStore } from './store/memory-store.js';
export type { StoreSetOptions, TokenStore } from './store/token-store.js';
export { VERSION } from './version.js';
