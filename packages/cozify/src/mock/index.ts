// The mock base and what serves it, so a user of this package alone (no direct dependency on
// auth-core, as under pnpm's strict layout) can serve this simulator. No vitest, no msw.
export * from '@tokenwise/auth-core/mock';
export {
  CozifyCloud,
  type CozifyCloudCounts,
  type CozifyCloudOptions,
  type CozifyMockAccounts,
  type CozifyMockHub,
  type CozifyOutboxMessage,
  DEMO_ACCOUNTS,
} from './cozify-cloud.js';
export { type CozifyHubCounts, CozifyHubSim, type CozifyHubSimOptions } from './cozify-hub-sim.js';
