import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import type { TokenStore } from '@tokenwise/auth-core/vendor';
import { NavienApiClient, NavienAuthClient, type NavienAuthClientOptions } from '../../src/index.js';
import { DEMO_ACCOUNTS, NavienCloud, type NavienCloudOptions } from '../../src/mock/index.js';

/** The demo account's credentials. */
export const EMAIL = 'demo@example.com';
export const PASSWORD = DEMO_ACCOUNTS[EMAIL]!.password;
/** Where tests pretend the cloud lives (requests never leave the process). */
export const BASE_URL = 'https://nlus.navien.test/api/v2.1';

/** A fake clock, a mock cloud on it, and a fetch that calls the cloud in-process. */
export function mockWorld(options: NavienCloudOptions = {}) {
  const clock = new FakeClock();
  const cloud = new NavienCloud({ clock, ...options });
  const fetch = handlerFetch(cloud.handler);
  const clients: NavienAuthClient[] = [];
  const auth = (overrides: NavienAuthClientOptions & { email?: string; password?: string } = {}) => {
    const { email = EMAIL, password = PASSWORD, ...options } = overrides;
    const client = new NavienAuthClient(email, password, {
      baseUrl: BASE_URL,
      fetch,
      clock,
      env: {},
      ...options,
    });
    clients.push(client);
    return client;
  };
  const closeAll = async () => {
    for (const client of clients.splice(0)) await client.close();
  };
  return { clock, cloud, fetch, auth, closeAll };
}

/** An auth client plus API client on `store`, the shape the conformance suite drives. */
export function conformanceClient(
  world: ReturnType<typeof mockWorld>,
  store: TokenStore,
  options: { badPassword?: boolean; unreachable?: boolean } = {},
) {
  const auth = world.auth({
    store,
    ...(options.badPassword ? { password: 'wrong-password-canary' } : {}),
    ...(options.unreachable ? { baseUrl: 'http://127.0.0.1:9/api/v2.1', fetch: globalThis.fetch } : {}),
  });
  const api = new NavienApiClient(auth);
  return {
    manager: auth.manager,
    call: (signal?: AbortSignal) => api.listDevices(signal ? { signal } : {}),
    close: () => auth.close(),
  };
}
