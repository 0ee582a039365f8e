export {
  DEMO_ACCOUNTS,
  type EvohomeMockAccount,
  type EvohomeMockDhw,
  type EvohomeMockLocation,
  type EvohomeMockZone,
} from './accounts.js';
export { EvohomeCloud, type EvohomeCloudCounts, type EvohomeCloudOptions } from './evohome-cloud.js';
