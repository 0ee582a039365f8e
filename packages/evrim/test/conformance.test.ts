import { fileURLToPath } from 'node:url';
import {
  describeStrategyConformance,
  FakeClock,
  handlerFetch,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import { Evrim, type EvrimSession } from '../src/index.js';
import { EvrimCloud } from '../src/mock/index.js';

const childScript = fileURLToPath(new URL('./fixtures/evrim-child.mjs', import.meta.url));

describeStrategyConformance<EvrimSession>({
  name: 'evrim simplejwt access/refresh flow',
  setup() {
    const clock = new FakeClock();
    const cloud = new EvrimCloud({ clock });
    const fetch = handlerFetch(cloud.handler);
    return {
      clock,
      sessionLifetimeMs: cloud.accessTtlMs,
      secrets: ['demo-password', 'wrong-password-canary'],
      cloud,
      createClient(store, options = {}) {
        const client = new Evrim({
          baseUrl: options.unreachable ? 'http://127.0.0.1:9/prod' : 'https://api.evrim.test/prod',
          username: 'demo',
          password: options.badPassword ? 'wrong-password-canary' : 'demo-password',
          store,
          clock,
          env: {},
          ...(options.unreachable ? {} : { fetch }),
        });
        return {
          manager: client.manager,
          call: (signal) => client.tasks(signal ? { signal } : {}),
          close: () => client.close(),
        };
      },
      crossProcess: {
        script: childScript,
        async serve() {
          const server = await startLoopbackServer(cloud.handler);
          return { env: { EVRIM_TEST_URL: `${server.url}/prod` }, close: () => server.close() };
        },
      },
    };
  },
});
