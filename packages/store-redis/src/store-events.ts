/** Emitted when a holder's lock expired or was taken while its function still ran. */
export interface LockLostEvent {
  /** The store key whose lock was lost. */
  key: string;
}

/** Emitted when the connection of a client the store created reports an error. */
export interface ConnectionErrorEvent {
  /** Safe description of the Redis (no password). */
  target: string;
  /** The client's reason, e.g. `ECONNREFUSED`. */
  reason: string;
}

/** Events of {@link RedisStore}. Payloads never hold values, tokens or passwords. */
export interface RedisStoreEvents {
  'lock-lost': LockLostEvent;
  'connection-error': ConnectionErrorEvent;
}
