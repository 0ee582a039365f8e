import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import { Evrim, type EvrimFromTokenOptions, type EvrimOptions } from '../src/index.js';
import { EvrimCloud, type EvrimCloudOptions } from '../src/mock/index.js';

/** The base URL tests use; `.test` never resolves, so nothing can leave the process. */
export const BASE_URL = 'https://api.evrim.test/prod';

/** A fake clock, a mock cloud on it, and clients wired to both. */
export function createWorld(cloudOptions: Omit<EvrimCloudOptions, 'clock'> = {}) {
  const clock = new FakeClock();
  const cloud = new EvrimCloud({ ...cloudOptions, clock });
  const fetch = handlerFetch(cloud.handler);
  const base = { baseUrl: BASE_URL, clock, fetch, env: {}, retries: 0 } as const;
  return {
    clock,
    cloud,
    fetch,
    /** Options for a password client; `overrides` win. */
    options(overrides: EvrimOptions = {}): EvrimOptions {
      return { ...base, username: 'demo', password: 'demo-password', ...overrides };
    },
    create(overrides: EvrimOptions = {}) {
      return Evrim.create({ ...base, username: 'demo', password: 'demo-password', ...overrides });
    },
    fromToken(overrides: EvrimFromTokenOptions = {}) {
      return Evrim.fromToken({ ...base, ...overrides });
    },
    /** A token pair straight from the mock, as a user would have saved it. */
    async login(username = 'demo', password = 'demo-password'): Promise<{ access: string; refresh: string }> {
      const response = await fetch(`${BASE_URL}/token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return (await response.json()) as { access: string; refresh: string };
    },
  };
}

/** The rejection of `promise`, for asserting on typed errors. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
