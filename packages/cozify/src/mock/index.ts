// What a test or script needs to serve this mock, so a user of this package alone (no direct
// dependency on auth-core, as under pnpm's strict layout) can do it. No vitest, no msw.
export {
  FakeClock,
  type FetchHandler,
  handlerFetch,
  jsonResponse,
  type LoopbackServer,
  type LoopbackServerOptions,
  startLoopbackServer,
} from '@tokenwise/auth-core/mock';
export {
  CozifyCloud,
  type CozifyCloudCounts,
  type CozifyCloudOptions,
  type CozifyMockAccounts,
  type CozifyMockHub,
  type CozifyOutboxMessage,
  DEMO_ACCOUNTS,
} from './cozify-cloud.js';
export { type CozifyHubCounts, CozifyHubSim, type CozifyHubSimOptions } from './cozify-hub-sim.js';
