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
export { DEMO_ACCOUNTS, DEMO_DEVICE, type MockAccount, type MockDevice } from './demo-accounts.js';
export {
  type IssuedAwsCredentials,
  NavienCloud,
  type NavienCloudCounts,
  type NavienCloudOptions,
} from './navien-cloud.js';
