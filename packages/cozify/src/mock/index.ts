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
