import type { Redis } from 'ioredis';

// Both scripts check the owner token first, so a holder whose lock already
// expired (and was taken by someone else) can neither delete nor prolong the
// new owner's lock.
const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

const EXTEND_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

// Namespaced: `defineCommand` adds methods to the caller's client object.
const RELEASE = 'tokenwiseReleaseLock';
const EXTEND = 'tokenwiseExtendLock';

type ScriptCall = (...args: string[]) => Promise<unknown>;

/** The owner-checked lock operations, run as Lua so check and act are one atomic step. */
export interface LockScripts {
  /** Deletes `key` only if it still holds `token`. Resolves whether it did. */
  release(key: string, token: string): Promise<boolean>;
  /** Resets `key`'s TTL to `ttlMs` only if it still holds `token`. Resolves whether it did. */
  extend(key: string, token: string, ttlMs: number): Promise<boolean>;
}

/**
 * Registers the scripts on `client` (once per client, shared by every store on
 * it). ioredis then sends them with EVALSHA and falls back to EVAL after a
 * Redis restart flushed its script cache.
 */
export function lockScripts(client: Redis): LockScripts {
  const commands = client as unknown as Record<string, ScriptCall | undefined>;
  if (typeof commands[RELEASE] !== 'function') {
    client.defineCommand(RELEASE, { numberOfKeys: 1, lua: RELEASE_LUA });
  }
  if (typeof commands[EXTEND] !== 'function') {
    client.defineCommand(EXTEND, { numberOfKeys: 1, lua: EXTEND_LUA });
  }
  const call = (name: string, ...args: string[]): Promise<unknown> => {
    const command = commands[name];
    if (command === undefined) throw new Error(`Lua command ${name} was not registered`);
    return command.call(client, ...args);
  };
  return {
    release: async (key, token) => (await call(RELEASE, key, token)) === 1,
    extend: async (key, token, ttlMs) => (await call(EXTEND, key, token, String(ttlMs))) === 1,
  };
}
