import {
  ConfigurationError,
  checkMethods,
  checkOptionsObject,
  checkStringOption,
  MAX_TIMER_MS,
  type OptionKeys,
} from '@tokenwise/auth-core/vendor';
import type { Redis } from 'ioredis';
import type { EncryptionKey } from './value-cipher.js';

/** Options shared by both ways of giving {@link RedisStore} its connection. */
export interface RedisStoreCommonOptions {
  /** Prepended to every Redis key, so several apps can share one database. Default `'tokenwise:'`. */
  prefix?: string | undefined;
  /**
   * How long a lock lives without its holder extending it. The holder extends
   * it every third of this while it works, so this only bounds how long a
   * crashed holder blocks the others. Default 10 000 ms (minimum 500).
   */
  lockTtlMs?: number | undefined;
  /** How long `withLock` waits for another holder before throwing `StoreError`. Default 30 000 ms. */
  lockWaitMs?: number | undefined;
  /**
   * How long a value is kept past the `expiresAt` it was stored with. Long by
   * default because a session whose access token expired is still worth its
   * refresh token: dropping it early would turn a refresh into a login.
   * Default 30 days.
   */
  ttlMarginMs?: number | undefined;
  /** Encrypts values at rest with AES-256-GCM: 32 bytes as a Buffer, or hex/base64 text. Default: off. */
  encryptionKey?: EncryptionKey | undefined;
}

/** {@link RedisStore} on a client you created and own (the store never closes it). */
export interface RedisStoreClientOptions extends RedisStoreCommonOptions {
  /** An ioredis client. Configure it to fail fast (see the README); the store leaves it open on `close()`. */
  client: Redis;
  url?: never;
}

/** {@link RedisStore} on a client it creates from a URL and closes on `close()`. */
export interface RedisStoreUrlOptions extends RedisStoreCommonOptions {
  /** `redis://[user:password@]host:port/db` or `rediss://...` for TLS. */
  url: string;
  client?: never;
  /** How long a command may wait for Redis (connect included) before failing. Default 2 000 ms. */
  commandTimeoutMs?: number | undefined;
}

/** Options of {@link RedisStore}: exactly one of `client` or `url`. */
export type RedisStoreOptions = RedisStoreClientOptions | RedisStoreUrlOptions;

/** Checked options with defaults applied. */
export interface ResolvedOptions {
  prefix: string;
  lockTtlMs: number;
  lockWaitMs: number;
  ttlMarginMs: number;
  commandTimeoutMs: number;
}

const DAY_MS = 86_400_000;

const COMMON_OPTION_KEYS = {
  prefix: true,
  lockTtlMs: true,
  lockWaitMs: true,
  ttlMarginMs: true,
  encryptionKey: true,
} as const satisfies OptionKeys<RedisStoreCommonOptions>;

// Every key either form accepts; the compiler keeps it in step with both interfaces.
const OPTION_KEYS = {
  ...COMMON_OPTION_KEYS,
  client: true,
  url: true,
  commandTimeoutMs: true,
} as const satisfies OptionKeys<RedisStoreUrlOptions> & OptionKeys<RedisStoreClientOptions>;

/** Applies defaults and rejects bad values early, naming the option (never echoing a secret). */
export function resolveOptions(options: RedisStoreOptions): ResolvedOptions {
  if (options === undefined) throw new ConfigurationError('RedisStore needs options: { client } or { url }');
  checkOptionsObject(options, 'RedisStore', OPTION_KEYS);
  const hasClient = options.client !== undefined;
  const hasUrl = options.url !== undefined;
  if (hasClient === hasUrl) {
    throw new ConfigurationError('RedisStore needs exactly one of the options `client` or `url`');
  }
  if (hasUrl) checkStringOption(options.url, 'RedisStore option `url`');
  if (hasClient) {
    checkMethods(options.client, 'RedisStore option `client` (an ioredis client)', ['get', 'set', 'del']);
    if ('commandTimeoutMs' in options && options.commandTimeoutMs !== undefined) {
      // Silently ignoring it would leave the caller believing commands are bounded.
      throw new ConfigurationError(
        'RedisStore option `commandTimeoutMs` applies only with `url`; set `commandTimeout` on your own client',
      );
    }
  }
  const prefix = options.prefix ?? 'tokenwise:';
  if (typeof prefix !== 'string') throw new ConfigurationError('RedisStore option `prefix` must be a string');
  return {
    prefix,
    lockTtlMs: duration('lockTtlMs', options.lockTtlMs, 10_000, 500),
    lockWaitMs: duration('lockWaitMs', options.lockWaitMs, 30_000, 0),
    ttlMarginMs: duration('ttlMarginMs', options.ttlMarginMs, 30 * DAY_MS, 0, Number.MAX_SAFE_INTEGER),
    commandTimeoutMs: duration(
      'commandTimeoutMs',
      'commandTimeoutMs' in options ? options.commandTimeoutMs : undefined,
      2_000,
      1,
    ),
  };
}

// Timers (lock renewal, waits, command timeouts) fire after 1 ms past MAX_TIMER_MS, hence the default cap.
function duration(name: string, value: unknown, fallback: number, min: number, max = MAX_TIMER_MS): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ConfigurationError(
      `RedisStore option \`${name}\` must be a number of milliseconds ≥ ${min} and ≤ ${max}`,
    );
  }
  return Math.round(value);
}
