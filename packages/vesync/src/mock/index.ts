export { DEMO_ACCOUNTS, mockDevices, type VeSyncMockAccount } from './mock-accounts.js';
export {
  VeSyncCloud,
  type VeSyncCloudCounts,
  type VeSyncCloudOptions,
  type VeSyncCloudRequest,
} from './vesync-cloud.js';
