import { ConfigurationError } from '@tokenwise/auth-core';
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

/** Applies defaults and rejects bad values early, naming the option (never echoing a secret). */
export function resolveOptions(options: RedisStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('RedisStore needs options: { client } or { url }');
  }
  const hasClient = options.client !== undefined;
  const hasUrl = options.url !== undefined;
  if (hasClient === hasUrl) {
    throw new ConfigurationError('RedisStore needs exactly one of the options `client` or `url`');
  }
  if (hasUrl && typeof options.url !== 'string') {
    throw new ConfigurationError('RedisStore option `url` must be a string');
  }
  const prefix = options.prefix ?? 'tokenwise:';
  if (typeof prefix !== 'string') throw new ConfigurationError('RedisStore option `prefix` must be a string');
  return {
    prefix,
    lockTtlMs: duration('lockTtlMs', options.lockTtlMs, 10_000, 500),
    lockWaitMs: duration('lockWaitMs', options.lockWaitMs, 30_000, 0),
    ttlMarginMs: duration('ttlMarginMs', options.ttlMarginMs, 30 * DAY_MS, 0),
    commandTimeoutMs: duration(
      'commandTimeoutMs',
      'commandTimeoutMs' in options ? options.commandTimeoutMs : undefined,
      2_000,
      1,
    ),
  };
}

function duration(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ConfigurationError(`RedisStore option \`${name}\` must be a number of milliseconds ≥ ${min}`);
  }
  return Math.round(value);
}
