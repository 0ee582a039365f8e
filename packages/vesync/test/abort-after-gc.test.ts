import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCodes, isTokenwiseError, VeSync } from '../src/index.js';
import { VeSyncCloud } from '../src/mock/index.js';
import { DEMO } from './helpers.js';

// VeSync's token travels in the JSON body. Its strategy used to wrap core's Request in a new
// Request that followed its signal; after a collection that link was gone (nodejs/undici#3644),
// so neither the caller's signal nor the timeout could end a call that hung.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('a hung device list ends on time after a garbage collection', () => {
  let server: LoopbackServer;
  let hung = 0;
  const clients: VeSync[] = [];

  beforeEach(async () => {
    hung = 0;
    const cloud = new VeSyncCloud();
    server = await startLoopbackServer((request) => {
      if (!new URL(request.url).pathname.endsWith('/deviceManaged/devices')) return cloud.handler(request);
      hung++;
      return new Promise<Response>(() => undefined);
    });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server.close();
  });

  const client = (timeoutMs: number) => {
    const vesync = new VeSync({ ...DEMO, baseUrl: { US: server.url, EU: server.url }, timeoutMs });
    clients.push(vesync);
    return vesync;
  };

  it("the caller's abort is core's AbortError", async () => {
    const vesync = client(60_000);
    await vesync.login();
    const controller = new AbortController();
    const call = vesync.getDevices({ signal: controller.signal }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(hung).toBe(1));
    gc();
    controller.abort();
    const error = await call;
    expect(isTokenwiseError(error, ErrorCodes.AbortError)).toBe(true);
  });

  it('the client timeout is a TimeoutError', async () => {
    const vesync = client(800);
    await vesync.login();
    const call = vesync.getDevices().catch((error: unknown) => error);
    await vi.waitFor(() => expect(hung).toBe(1));
    gc();
    const error = await call;
    expect(isTokenwiseError(error, ErrorCodes.TimeoutError)).toBe(true);
  });
});
