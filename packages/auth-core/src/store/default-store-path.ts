import { join } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where `new FileStore()` keeps sessions when no path is given:
 * `sessions.json` in the per-user config folder (`~/.config/tokenwise` on
 * Linux, `~/Library/Preferences/tokenwise` on macOS, `%APPDATA%\tokenwise\Config`
 * on Windows). `TOKENWISE_STORE_PATH` overrides it.
 */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.TOKENWISE_STORE_PATH;
  if (override && override.trim() !== '') return override;
  return join(defaultStoreFolder(), 'sessions.json');
}

/**
 * The per-user tokenwise config folder (without `TOKENWISE_STORE_PATH`).
 * FileStore keeps it at 0700 itself; folders a user points it into are
 * never changed.
 */
export function defaultStoreFolder(): string {
  return envPaths('tokenwise', { suffix: '' }).config;
}
