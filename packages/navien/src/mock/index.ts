// The mock base and what serves it, so a user of this package alone (no direct dependency on
// auth-core, as under pnpm's strict layout) can serve this simulator. No vitest, no msw.
export * from '@tokenwise/auth-core/mock';
export { DEMO_ACCOUNTS, DEMO_DEVICE, type MockAccount, type MockDevice } from './demo-accounts.js';
export {
  type IssuedAwsCredentials,
  type MockPushRegistration,
  NavienCloud,
  type NavienCloudCounts,
  type NavienCloudOptions,
} from './navien-cloud.js';
export {
  type MockFirmware,
  type MockTou,
  type MockTouInterval,
  RECORDED_FIRMWARES,
  recordedTou,
} from './recorded-device-data.js';
