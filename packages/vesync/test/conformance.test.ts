import { fileURLToPath } from 'node:url';
import {
  describeStrategyConformance,
  FakeClock,
  handlerFetch,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import { VeSync, type VeSyncSession } from '../src/index.js';
import { VeSyncCloud } from '../src/mock/index.js';
import { DEMO, md5 } from './helpers.js';

const childScript = fileURLToPath(new URL('./fixtures/vesync-child.mjs', import.meta.url));

describeStrategyConformance<VeSyncSession>({
  name: 'VeSync two-step login, token in the body',
  setup() {
    const clock = new FakeClock();
    const cloud = new VeSyncCloud({ clock });
    const fetch = handlerFetch(cloud.handler);
    return {
      clock,
      sessionLifetimeMs: cloud.tokenTtlMs,
      secrets: [DEMO.password, md5(DEMO.password), 'wrong-password-canary', md5('wrong-password-canary')],
      cloud,
      createClient(store, options = {}) {
        const client = new VeSync({
          username: DEMO.username,
          password: options.badPassword ? 'wrong-password-canary' : DEMO.password,
          store,
          clock,
          ...(options.unreachable
            ? { baseUrl: { US: 'http://127.0.0.1:9', EU: 'http://127.0.0.1:9' }, fetch: globalThis.fetch }
            : { fetch }),
        });
        return {
          manager: client.manager,
          call: (signal) => client.getDevices(signal ? { signal } : {}),
          close: () => client.close(),
        };
      },
      crossProcess: {
        script: childScript,
        async serve() {
          const server = await startLoopbackServer(cloud.handler);
          return { env: { TOKENWISE_VESYNC_URL: server.url }, close: () => server.close() };
        },
      },
    };
  },
});
