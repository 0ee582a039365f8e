// The mock base and what serves it, so a user of this package alone (no direct dependency on
// auth-core, as under pnpm's strict layout) can serve this simulator. No vitest, no msw.
export * from '@tokenwise/auth-core/mock';
export {
  DEMO_ACCOUNTS,
  type EvohomeMockAccount,
  type EvohomeMockDhw,
  type EvohomeMockFault,
  type EvohomeMockLocation,
  type EvohomeMockZone,
} from './accounts.js';
export { EvohomeCloud, type EvohomeCloudCounts, type EvohomeCloudOptions } from './evohome-cloud.js';
