export { abortErrorFrom, raceSignal } from './abort.js';
export {
  type BackOffLimits,
  type BackOffRule,
  type BoundedBackOff,
  boundedBackOff,
  DEFAULT_MAX_BACK_OFF_MS,
  DEFAULT_RATE_LIMIT_MS,
  IMPLAUSIBLE_RETRY_AFTER_MS,
} from './back-off.js';
export { type Clock, systemClock } from './clock.js';
export {
  AbortError,
  ApiError,
  type ApiErrorOptions,
  AuthenticationError,
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
} from './errors.js';
export { Emitter, type Listener } from './events.js';
export {
  AuthorizedHttp,
  type AuthorizedHttpOptions,
  type CallOptions,
} from './http/authorized-http.js';
export { DEFAULT_MAX_BODY_BYTES } from './http/body-limit.js';
export { parseWithSchema } from './http/parse-with-schema.js';
export {
  networkError,
  parseBodyBytes,
  type ReadBody,
  type RequestJsonOptions,
  type RequestTextOptions,
  readBody,
  requestJson,
  requestText,
  type VendorErrorMapper,
} from './http/request-json.js';
export type { RequestParts } from './http/request-parts.js';
export { decodeJwtClaims, decodeJwtExpiry } from './jwt.js';
export type { SessionEventBase, SessionManagerEvents } from './manager-events.js';
export {
  checkBooleanOption,
  checkClockOption,
  checkCountOption,
  checkDurationOption,
  checkFunctionOption,
  checkHeaderValueOption,
  checkMethods,
  checkStoreOption,
  checkStringOption,
  checkTimeoutOption,
  MAX_TIMER_MS,
} from './option-checks.js';
export { checkOptionsObject, type OptionKeys } from './option-object.js';
export { parseRetryAfter } from './retry-after.js';
export { redactText, Secret, toSecret } from './secret.js';
export {
  SESSION_SCHEMA_VERSION,
  type SessionBase,
  type StoredSession,
  sessionBaseSchema,
  sessionKey,
} from './session.js';
export {
  type RenewOptions,
  SessionManager,
  type SessionManagerOptions,
  type SessionManagerStats,
} from './session-manager.js';
export { defaultStorePath } from './store/default-store-path.js';
export {
  FileStore,
  type FileStoreEvents,
  type FileStoreOptions,
  type StoreCorruptEvent,
  type StorePermissionsEvent,
} from './store/file-store.js';
export { KeyMutex } from './store/key-mutex.js';
export { MemoryStore } from './store/memory-store.js';
export type { StoreSetOptions, TokenStore } from './store/token-store.js';
export type { AuthContext, AuthStrategy } from './strategy.js';
export {
  clampThrottleRecord,
  THROTTLE_KEY_PREFIX,
  type ThrottleRecord,
  throttleRecordSchema,
  throttleStoreKey,
} from './throttle-record.js';
export { VERSION } from './version.js';
