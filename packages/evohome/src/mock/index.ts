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
  DEMO_ACCOUNTS,
  type EvohomeMockAccount,
  type EvohomeMockDhw,
  type EvohomeMockLocation,
  type EvohomeMockZone,
} from './accounts.js';
export { EvohomeCloud, type EvohomeCloudCounts, type EvohomeCloudOptions } from './evohome-cloud.js';
