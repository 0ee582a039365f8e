export { demoDataset, type EvrimDataset } from './demo-data.js';
export {
  DEMO_ACCOUNTS,
  type EvrimAccount,
  EvrimCloud,
  type EvrimCloudCounts,
  type EvrimCloudOptions,
} from './evrim-cloud.js';
