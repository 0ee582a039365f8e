import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import type { TokenStore } from '@tokenwise/auth-core/vendor';
import { Cozify, type CozifyOptions } from '../src/index.js';
import { CozifyCloud, type CozifyCloudOptions, DEMO_ACCOUNTS } from '../src/mock/index.js';

/** The demo account of the mock. */
export const EMAIL = 'demo@example.com';
/** Its hub. */
export const HUB_ID = Object.values(DEMO_ACCOUNTS)[0]?.hubs[0]?.id ?? '';
/** A cloud base no real host answers; requests to it go to the mock in-process. */
export const CLOUD_URL = 'https://cloud.cozify.test/ui/0.2';

/** A mock cloud on a fake clock, and a fetch that sends cloud calls to it and the rest to 127.0.0.1. */
export function mockWorld(options: CozifyCloudOptions = {}) {
  const clock = new FakeClock();
  const cloud = new CozifyCloud({ clock, ...options });
  const toCloud = handlerFetch(cloud.handler);
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return url.hostname === 'cloud.cozify.test' ? toCloud(input, init) : globalThis.fetch(input, init);
  };
  const otp = async ({ email }: { email: string }) => cloud.lastOtp(email) ?? '';
  const client = (store: TokenStore, extra: Partial<CozifyOptions> = {}) =>
    new Cozify({ email: EMAIL, store, fetch, baseUrl: CLOUD_URL, clock, otp, ...extra });
  return { clock, cloud, fetch, otp, client };
}

/** The rejection of a promise that must fail. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}
