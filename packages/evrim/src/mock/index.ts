// The mock base and what serves it, so a user of this package alone (no direct dependency on
// auth-core, as under pnpm's strict layout) can serve this simulator. No vitest, no msw.
export * from '@tokenwise/auth-core/mock';
export { demoDataset, type EvrimDataset } from './demo-data.js';
export {
  DEMO_ACCOUNTS,
  type EvrimAccount,
  EvrimCloud,
  type EvrimCloudCounts,
  type EvrimCloudOptions,
} from './evrim-cloud.js';
