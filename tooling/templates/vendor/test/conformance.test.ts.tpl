import { fileURLToPath } from 'node:url';
import {
  describeStrategyConformance,
  FakeClock,
  handlerFetch,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import { __Vendor__Client, type __Vendor__Session } from '../src/index.js';
import { __Vendor__Cloud } from '../src/mock/index.js';

const childScript = fileURLToPath(new URL('./fixtures/__vendor__-child.mjs', import.meta.url));

describeStrategyConformance<__Vendor__Session>({
  name: '__vendor__ password + refresh-token flow',
  setup() {
    const clock = new FakeClock();
    const cloud = new __Vendor__Cloud({ clock });
    const fetch = handlerFetch(cloud.handler);
    return {
      clock,
      sessionLifetimeMs: cloud.accessTtlMs,
      secrets: ['demo-password', 'wrong-password-canary'],
      cloud,
      createClient(store, options = {}) {
        const client = new __Vendor__Client({
          baseUrl: options.unreachable ? 'http://127.0.0.1:9' : 'https://api.__vendor__.test',
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
          return { env: { __VENDOR___TEST_URL: server.url }, close: () => server.close() };
        },
      },
    };
  },
});
