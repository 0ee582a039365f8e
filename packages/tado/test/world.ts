import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import { type DeviceCode, Tado, type TadoOptions } from '../src/index.js';
import { TadoCloud, type TadoCloudOptions } from '../src/mock/index.js';

/** One host for both tado hosts; `.test` never resolves, so nothing can leave the process. */
export const BASE_URL = 'https://tado.test';

/** A fake clock, a simulator on it (polling interval 0), and clients wired to both. */
export function createWorld(cloudOptions: Omit<TadoCloudOptions, 'clock'> = {}) {
  const clock = new FakeClock();
  const cloud = new TadoCloud({ interval: 0, ...cloudOptions, clock });
  const fetch = handlerFetch(cloud.handler);
  const announced: DeviceCode[] = [];
  /** A person at hand: approves every code as soon as it is shown. */
  const approver = (code: DeviceCode) => {
    announced.push(code);
    cloud.approve(code.userCode);
  };
  const base = { baseUrl: BASE_URL, clock, fetch, env: {}, retries: 0 } as const;
  return {
    clock,
    cloud,
    fetch,
    announced,
    approver,
    /** A client with no person at hand (no `onDeviceCode`) unless `overrides` add one. */
    client(overrides: TadoOptions = {}): Tado {
      return new Tado({ ...base, ...overrides });
    },
    /** A client whose logins are approved at once. */
    approvingClient(overrides: TadoOptions = {}): Tado {
      return new Tado({ ...base, onDeviceCode: approver, ...overrides });
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
