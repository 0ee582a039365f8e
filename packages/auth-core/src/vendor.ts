/**
 * The vendor author's face of auth-core: the session manager, the strategy contract, authorized
 * HTTP, the option kit and the pieces stores and tools are built from. Everything of the user's
 * face is here too, so a vendor file imports from one place.
 *
 * @module vendor
 */
export { abortErrorFrom, raceSignal, sleep } from './abort.js';
export {
  type BackOffLimits,
  type BackOffRule,
  type BoundedBackOff,
  boundedBackOff,
  DEFAULT_MAX_BACK_OFF_MS,
  DEFAULT_RATE_LIMIT_MS,
  IMPLAUSIBLE_RETRY_AFTER_MS,
} from './back-off.js';
export { systemClock } from './clock.js';
export { Emitter, type Listener } from './events.js';
export {
  AuthorizedHttp,
  type AuthorizedHttpOptions,
  type CallOptions,
} from './http/authorized-http.js';
export { DEFAULT_MAX_BODY_BYTES } from './http/body-limit.js';
export { parseWithSchema } from './http/parse-with-schema.js';
export {
  bindingObservation,
  type HeaderSource,
  parseRateLimitHeaders,
  type RateLimitObservation,
} from './http/rate-limit-headers.js';
export { ReadResponse } from './http/read-response.js';
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
export * from './index.js';
export { decodeJwtClaims, decodeJwtExpiry } from './jwt.js';
export { type BaseUrlSources, baseUrlEnvName, checkBaseUrl, resolveBaseUrl } from './kit/base-url.js';
export {
  checkEmailOption,
  checkFetchOption,
  checkSecretOption,
  checkSignalOption,
} from './kit/checks.js';
export { ClientLifecycle } from './kit/client-lifecycle.js';
export { checkClientOptions } from './kit/client-options.js';
export { StoredRecord, type StoredRecordOptions } from './kit/stored-record.js';
export { tolerant, tolerantList } from './kit/tolerant.js';
export {
  QUOTA_PERSIST_INTERVAL_MS,
  QUOTA_SHARE_MS,
  type QuotaPermit,
  RequestQuota,
  type RequestQuotaOptions,
} from './manager/request-quota.js';
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
export {
  clampQuotaRecord,
  DEFAULT_QUOTA_WINDOW_MS,
  liveQuotaLeases,
  MAX_QUOTA_WINDOW_MS,
  QUOTA_KEY_PREFIX,
  QUOTA_MAX_SHARE,
  type QuotaLease,
  quotaChunkSize,
  quotaLeaseSchema,
  quotaRecordSchema,
  quotaResetBoundMs,
  quotaSpentForMs,
  quotaStoreKey,
  quotaSupersedes,
} from './quota-record.js';
export { parseRetryAfter } from './retry-after.js';
export { SESSION_SCHEMA_VERSION, sessionBaseSchema, sessionKey } from './session.js';
export { SessionManager, type SessionManagerOptions } from './session-manager.js';
export { KeyMutex } from './store/key-mutex.js';
export type { AuthContext, AuthStrategy } from './strategy.js';
export {
  clampThrottleRecord,
  THROTTLE_KEY_PREFIX,
  type ThrottleRecord,
  throttleRecordSchema,
  throttleStoreKey,
} from './throttle-record.js';
