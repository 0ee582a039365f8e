// What every vendor package re-exports (`export * from '@tokenwise/auth-core/common'`), so users
// import errors, stores and Secret from the one vendor package they installed — and every
// vendor package offers the same set.
export {
  AbortError,
  ApiError,
  AuthenticationError,
  ConfigurationError,
  ErrorCodes,
  InvalidCredentialsError,
  isTokenwiseError,
  NetworkError,
  NotFoundError,
  OtpRequiredError,
  RateLimitError,
  ResponseShapeError,
  ResponseTooLargeError,
  StoreError,
  TimeoutError,
  TokenExpiredError,
  TokenRefreshError,
  TokenwiseError,
  type TokenwiseErrorCode,
} from './errors.js';
export { Secret, toSecret } from './secret.js';
export {
  FileStore,
  type FileStoreEvents,
  type FileStoreOptions,
  type StoreCorruptEvent,
  type StorePermissionsEvent,
} from './store/file-store.js';
export { MemoryStore } from './store/memory-store.js';
export type { TokenStore } from './store/token-store.js';
