export {
  ConfigurationError,
  StoreError,
  type StoreSetOptions,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
export type {
  RedisStoreClientOptions,
  RedisStoreCommonOptions,
  RedisStoreOptions,
  RedisStoreUrlOptions,
} from './options.js';
export { RedisStore } from './redis-store.js';
export type { ConnectionErrorEvent, LockLostEvent, RedisStoreEvents } from './store-events.js';
export type { EncryptionKey } from './value-cipher.js';
