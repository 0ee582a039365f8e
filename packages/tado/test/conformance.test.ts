import { fileURLToPath } from 'node:url';
import {
  describeStrategyConformance,
  FakeClock,
  handlerFetch,
  startLoopbackServer,
} from '@tokenwise/auth-core/testing';
import { type DeviceCode, Tado, type TadoSession } from '../src/index.js';
import { TadoCloud } from '../src/mock/index.js';

const childScript = fileURLToPath(new URL('./fixtures/tado-child.mjs', import.meta.url));

describeStrategyConformance<TadoSession>({
  name: 'tado device-code login with single-use refresh tokens',
  setup() {
    const clock = new FakeClock();
    const cloud = new TadoCloud({ clock, interval: 0 });
    const fetch = handlerFetch(cloud.handler);
    return {
      clock,
      sessionLifetimeMs: cloud.accessTtlMs,
      secrets: [],
      cloud,
      createClient(store, options = {}) {
        // The person at hand approves the code, or (the suite's "bad password") refuses it.
        const onDeviceCode = (code: DeviceCode) => {
          if (options.badPassword) cloud.deny(code.userCode);
          else cloud.approve(code.userCode);
        };
        const client = new Tado({
          baseUrl: options.unreachable ? 'http://127.0.0.1:9' : 'https://tado.test',
          store,
          clock,
          env: {},
          onDeviceCode,
          ...(options.unreachable ? {} : { fetch }),
        });
        return {
          manager: client.manager,
          call: (signal) => client.me(signal ? { signal } : {}),
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
