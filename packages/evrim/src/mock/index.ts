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
export { demoDataset, type EvrimDataset } from './demo-data.js';
export {
  DEMO_ACCOUNTS,
  type EvrimAccount,
  EvrimCloud,
  type EvrimCloudCounts,
  type EvrimCloudOptions,
} from './evrim-cloud.js';
