/**
 * The vitest half of the testing kit (conformance suites) on top of the run-time kit. MSW helpers
 * live in `@tokenwise/auth-core/testing/msw`, so loading this entry never needs the optional `msw`.
 *
 * @module testing
 */
export * from '../mock-kit.js';
export * from '../reference-kit.js';
export { describeStoreConformance } from './conformance/store-conformance.js';
export {
  type ConformanceClient,
  type ConformanceClientOptions,
  type ConformanceCloud,
  type ConformanceHarness,
  describeStrategyConformance,
  type StrategyConformanceOptions,
} from './conformance/strategy-conformance.js';
