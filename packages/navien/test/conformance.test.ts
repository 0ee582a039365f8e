import { fileURLToPath } from 'node:url';
import { describeStrategyConformance, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { conformanceClient, mockWorld, PASSWORD } from './helpers/harness.js';

const childScript = fileURLToPath(new URL('./fixtures/navien-child.mjs', import.meta.url));

describeStrategyConformance({
  name: 'navien sign-in + refresh with AWS credentials',
  setup() {
    // AWS credentials outlive the JWT here so the suite's "refresh, not login" checks are meaningful;
    // with the documented equal lifetimes every renewal is a sign-in (covered in lifecycle tests).
    const world = mockWorld({ awsTtlSeconds: 4 * 3600 });
    const { cloud } = world;
    return {
      clock: world.clock,
      sessionLifetimeMs: cloud.accessTtlSeconds * 1000,
      secrets: [PASSWORD, 'wrong-password-canary'],
      cloud,
      createClient: (store, options) => conformanceClient(world, store, options),
      crossProcess: {
        script: childScript,
        async serve() {
          const server = await startLoopbackServer(cloud.handler);
          return { env: { TOKENWISE_NAVIEN_URL: `${server.url}/api/v2.1` }, close: () => server.close() };
        },
      },
      teardown: () => world.closeAll(),
    };
  },
});
