import { fileURLToPath } from 'node:url';
import {
  type ConformanceClient,
  type ConformanceHarness,
  FakeClock,
  handlerFetch,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import type { SessionBase, TokenStore } from '@tokenwise/auth-core/vendor';
import { V2_CLIENT_BASIC } from '../src/constants.js';
import { EvohomeClient, EvohomeV2Client } from '../src/index.js';
import { EvohomeCloud, type EvohomeCloudOptions } from '../src/mock/index.js';

/** The child script of the cross-process tests (imports the built package). */
export const childScript = fileURLToPath(new URL('./fixtures/evohome-child.mjs', import.meta.url));

/** A cloud on a fake clock plus an in-process fetch to it. */
export function createCloud(options: EvohomeCloudOptions = {}) {
  const clock = new FakeClock();
  const cloud = new EvohomeCloud({ clock, ...options });
  return { clock, cloud, fetch: handlerFetch(cloud.handler) };
}

/** Base options of a demo-account client on the in-process cloud. */
export function demoOptions(world: ReturnType<typeof createCloud>, store?: TokenStore) {
  return {
    username: 'demo@example.com',
    password: 'demo-password',
    baseUrl: 'https://tccna.resideo.com',
    fetch: world.fetch,
    clock: world.clock,
    ...(store ? { store } : {}),
  };
}

/** The conformance harness for one API; the throttle window is off so back-to-back logins are legal. */
export function conformanceHarness<S extends SessionBase>(api: 'v1' | 'v2'): ConformanceHarness<S> {
  // V1 has no refresh: the suite must expect its renewals to be logins (and fail those).
  const world = createCloud({ loginWindowMs: 0, renewsBy: api === 'v1' ? 'login' : 'refresh' });
  const { clock, cloud } = world;
  return {
    clock,
    sessionLifetimeMs: api === 'v1' ? cloud.sessionTtlMs : cloud.tokenTtlSeconds * 1000,
    secrets: ['demo-password', 'wrong-password-canary'],
    cloud,
    createClient(store, options = {}) {
      const clientOptions = {
        ...demoOptions(world, store),
        // The suite rejects sessions moments after logging in (and the mock's throttle is off).
        minLoginIntervalMs: 0,
        ...(options.badPassword ? { password: 'wrong-password-canary' } : {}),
        ...(options.unreachable ? { baseUrl: 'http://127.0.0.1:9', fetch: globalThis.fetch } : {}),
      };
      const client = api === 'v1' ? new EvohomeClient(clientOptions) : new EvohomeV2Client(clientOptions);
      return {
        manager: client.manager,
        call: (signal?: AbortSignal) =>
          client instanceof EvohomeClient ? client.temperatures(signal) : client.userAccount(signal),
        close: () => client.close(),
      } as unknown as ConformanceClient<S>;
    },
    crossProcess: {
      script: childScript,
      async serve() {
        const server = await startLoopbackServer(cloud.handler);
        return {
          env: { TOKENWISE_EVOHOME_URL: server.url, EVOHOME_API: api },
          close: () => server.close(),
        };
      },
    },
  };
}

/** The host the simulator's raw wire tests address (any host reaches the handler). */
export const WIRE_HOST = 'https://tccna.resideo.com';

/**
 * The demo account's V2 access token, fetched over the raw wire with the password grant as the
 * vendor's own clients send it (`scope` as evohome-client sends it, omitted as evohome-async does).
 */
export async function v2WireToken(cloud: EvohomeCloud, scope?: string): Promise<string> {
  const login = await cloud.handler(
    new Request(`${WIRE_HOST}/Auth/OAuth/Token`, {
      method: 'POST',
      headers: { authorization: `Basic ${V2_CLIENT_BASIC}` },
      body: new URLSearchParams({
        grant_type: 'password',
        ...(scope === undefined ? {} : { scope }),
        Username: 'demo@example.com',
        Password: 'demo-password',
      }),
    }),
  );
  return ((await login.json()) as { access_token: string }).access_token;
}
