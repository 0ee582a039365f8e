export { DEMO_ACCOUNTS, DEMO_DEVICE, type MockAccount, type MockDevice } from './demo-accounts.js';
export {
  type IssuedAwsCredentials,
  NavienCloud,
  type NavienCloudCounts,
  type NavienCloudOptions,
} from './navien-cloud.js';
