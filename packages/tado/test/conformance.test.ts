import { fileURLToPath } from 'node:url';
import {
  describeStrategyConformance,
  FakeClock,
  handlerFetch,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import { TadoClient, type TadoSession } from '../src/index.js';
import { TadoCloud } from '../src/mock/index.js';

const childScript = fileURLToPath(new URL('./fixtures/tado-child.mjs', import.meta.url));

describeStrategyConformance<TadoSession>({
  name: 'tado password + refresh-token flow',
  setup() {
    const clock = new FakeClock();
    const cloud = new TadoCloud({ clock });
    const fetch = handlerFetch(cloud.handler);
    return {
      clock,
      sessionLifetimeMs: cloud.accessTtlMs,
      secrets: ['demo-password', 'wrong-password-canary'],
      cloud,
      createClient(store, options = {}) {
        const client = new TadoClient({
          baseUrl: options.unreachable ? 'http://127.0.0.1:9' : 'https://api.tado.test',
          username: 'demo@example.com',
          password: options.badPassword ? 'wrong-password-canary' : 'demo-password',
          store,
          clock,
          env: {},
          ...(options.unreachable ? {} : { fetch }),
        });
        return {
          manager: client.manager,
          call: (signal) => client.items(signal ? { signal } : {}),
          close: () => client.close(),
        };
      },
      crossProcess: {
        script: childScript,
        async serve() {
          const server = await startLoopbackServer(cloud.handler);
          return { env: { TADO_TEST_URL: server.url }, close: () => server.close() };
        },
      },
    };
  },
});
