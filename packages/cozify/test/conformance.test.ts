import { fileURLToPath } from 'node:url';
import { describeStrategyConformance, startLoopbackServer } from '@tokenwise/auth-core/testing';
import type { CozifyCloudSession } from '../src/index.js';
import { EMAIL, mockWorld } from './helpers.js';

const childScript = fileURLToPath(new URL('./fixtures/cozify-child.mjs', import.meta.url));
const DAY = 86_400_000;

describeStrategyConformance<CozifyCloudSession>({
  name: 'cozify cloud token (e-mail OTP, refreshsession)',
  setup() {
    const world = mockWorld();
    const { cloud, clock } = world;
    return {
      clock,
      // Inside the manager's 5-day margin and past the 1-day window, still valid: a refresh renews it.
      sessionLifetimeMs: 24 * DAY,
      secrets: ['wrong-otp-canary'],
      cloud,
      createClient(store, options = {}) {
        const client = world.client(store, {
          ...(options.unreachable ? { baseUrl: 'http://127.0.0.1:9/ui/0.2', fetch: globalThis.fetch } : {}),
          ...(options.badPassword ? { otp: async () => 'wrong-otp-canary' } : {}),
        });
        return {
          manager: client.manager,
          call: (signal) => client.cloudHubs(signal),
          close: () => client.close(),
        };
      },
      crossProcess: {
        script: childScript,
        async serve() {
          // Children read the e-mailed code over this test-only route, as a person reads the mailbox.
          const server = await startLoopbackServer((request) => {
            const url = new URL(request.url);
            if (url.pathname === '/__test/otp') {
              return new Response(cloud.lastOtp(url.searchParams.get('email') ?? '') ?? '');
            }
            return cloud.handler(request);
          });
          return { env: { COZIFY_MOCK_URL: server.url, COZIFY_EMAIL: EMAIL }, close: () => server.close() };
        },
      },
    };
  },
});
