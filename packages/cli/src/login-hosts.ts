import type { FileStore } from '@tokenwise/auth-core/vendor';

/**
 * Store keys of the host each session was logged in against by the CLI:
 * `tokenwise-cli:host:<session key>`. Sessions do not record their host, and
 * the one thing a person must be sure of is whether a session belongs to the
 * sandbox or to the real cloud. Vendor clients never read these keys.
 */
export const LOGIN_HOST_KEY_PREFIX = 'tokenwise-cli:host:';

/** What the CLI remembers of a login: the base URL and when. */
export interface LoginHost {
  host: string;
  /** When `tokenwise login` stored or reused the session, epoch ms. */
  at: number;
}

/** The host recorded for a session key, if the CLI logged it in. */
export async function readLoginHost(store: FileStore, sessionKey: string): Promise<LoginHost | undefined> {
  const value = (await store.get(`${LOGIN_HOST_KEY_PREFIX}${sessionKey}`)) as Partial<LoginHost> | undefined;
  if (typeof value?.host !== 'string' || typeof value.at !== 'number') return undefined;
  return { host: value.host, at: value.at };
}

/** Records the host a login used for the session stored under `sessionKey`. */
export function writeLoginHost(
  store: FileStore,
  sessionKey: string,
  host: string,
  at: number,
): Promise<void> {
  return store.set(`${LOGIN_HOST_KEY_PREFIX}${sessionKey}`, { host, at } satisfies LoginHost);
}

/** Forgets the host of a session that is being deleted. */
export function deleteLoginHost(store: FileStore, sessionKey: string): Promise<void> {
  return store.delete(`${LOGIN_HOST_KEY_PREFIX}${sessionKey}`);
}

/** Whether a base URL is on this machine (the sandbox, or a mock a test runs). */
export function isLoopback(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
  } catch {
    return false;
  }
}

/** "local sandbox" for a loopback URL, else "<vendor> cloud": the one thing a person must not mix up. */
export function describeHost(host: string, vendorName: string): string {
  return isLoopback(host) ? 'local sandbox on this machine' : `${vendorName} cloud, not the sandbox`;
}
