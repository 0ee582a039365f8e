// The mock base and what serves it, so a user of this package alone (no direct dependency on
// auth-core, as under pnpm's strict layout) can serve this simulator. No vitest, no msw.
export * from '@tokenwise/auth-core/mock';
export { DEMO_ACCOUNTS, mockDevices, type VeSyncMockAccount } from './mock-accounts.js';
export {
  VeSyncCloud,
  type VeSyncCloudCounts,
  type VeSyncCloudOptions,
  type VeSyncCloudRequest,
} from './vesync-cloud.js';
