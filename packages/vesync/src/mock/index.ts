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
export { DEMO_ACCOUNTS, mockDevices, type VeSyncMockAccount } from './mock-accounts.js';
export {
  VeSyncCloud,
  type VeSyncCloudCounts,
  type VeSyncCloudOptions,
  type VeSyncCloudRequest,
} from './vesync-cloud.js';
