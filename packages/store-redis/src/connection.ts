import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { Redis } from 'ioredis';

/**
 * Checks a `redis://` / `rediss://` URL and returns a description of it that
 * is safe to print: scheme, host, port and database, never the user or password.
 */
export function describeRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL itself is not echoed: it may hold a password.
    throw new ConfigurationError(
      'RedisStore option `url` is not a valid URL (expected redis://host:port/db)',
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigurationError(
      `RedisStore option \`url\` must use redis:// or rediss://, not ${parsed.protocol.replace(/:$/, '')}://`,
    );
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** A safe description of a client the caller passed in (host and port from its options). */
export function describeClient(client: Redis): string {
  const { host, port, db, path } = client.options;
  if (path) return `redis+unix://${path}`;
  return `redis://${host ?? 'localhost'}:${port ?? 6379}${db ? `/${db}` : ''}`;
}

/**
 * Creates the client for `new RedisStore({ url })`, tuned so a Redis that is
 * down fails callers within about two seconds instead of queueing them for
 * ever: the session manager then keeps serving its valid in-memory session.
 *
 * - `lazyConnect`: constructing a store does no I/O (client convention).
 * - The offline queue stays on so the first command can wait for the lazy
 *   connect, but `maxRetriesPerRequest: 1` flushes queued commands with an
 *   error after one failed reconnect, and `commandTimeout` bounds a command
 *   sent to a Redis that accepted the connection and then went silent.
 * - Reconnects continue in the background with a capped back-off, so callers
 *   recover on their own when Redis comes back.
 */
export function createRedisClient(url: string, commandTimeoutMs: number): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: commandTimeoutMs,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 5), 1_000),
  });
  return client;
}
