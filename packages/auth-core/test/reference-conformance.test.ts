import { fileURLToPath } from 'node:url';
import {
  describeStrategyConformance,
  FakeClock,
  handlerFetch,
  ReferenceClient,
  ReferenceCloud,
  startLoopbackServer,
} from '../src/testing/index.js';

const childScript = fileURLToPath(new URL('./fixtures/reference-child.mjs', import.meta.url));

describeStrategyConformance({
  name: 'reference password + refresh-token flow',
  setup() {
    const clock = new FakeClock();
    const cloud = new ReferenceCloud({ clock, accessTtlMs: 3_600_000 });
    const fetch = handlerFetch(cloud.handler);
    return {
      clock,
      sessionLifetimeMs: cloud.accessTtlMs,
      secrets: ['demo-password', 'wrong-password-canary'],
      cloud,
      createClient(store, options = {}) {
        const client = new ReferenceClient({
          baseUrl: options.unreachable ? 'http://127.0.0.1:9' : 'https://reference.test',
          username: 'demo@example.com',
          password: options.badPassword ? 'wrong-password-canary' : 'demo-password',
          store,
          clock,
          fetch: options.unreachable ? globalThis.fetch : fetch,
        });
        return {
          manager: client.manager,
          call: (signal) => client.items(signal),
          close: () => client.close(),
        };
      },
      crossProcess: {
        script: childScript,
        async serve() {
          const server = await startLoopbackServer(cloud.handler);
          return { env: { REFERENCE_URL: server.url }, close: () => server.close() };
        },
      },
    };
  },
});
