export * from '../mock-kit.js';
export { describeStoreConformance } from './conformance/store-conformance.js';
export {
  type ConformanceClient,
  type ConformanceClientOptions,
  type ConformanceCloud,
  type ConformanceHarness,
  describeStrategyConformance,
  type StrategyConformanceOptions,
} from './conformance/strategy-conformance.js';
export { mswHandlers } from './msw-handlers.js';
