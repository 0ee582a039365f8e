/**
 * The reference vendor (a small password + refresh-token cloud and its client) and the process
 * runner the benchmarks and the demo use: core's own proof, before any real vendor.
 *
 * @module reference
 */
export { ReferenceClient, type ReferenceClientOptions } from './testing/reference/reference-client.js';
export {
  ReferenceCloud,
  type ReferenceCloudCounts,
  type ReferenceCloudOptions,
} from './testing/reference/reference-cloud.js';
export {
  createReferenceStrategy,
  type ReferenceSession,
  type ReferenceStrategyOptions,
  referenceSessionSchema,
  referenceTokenExpiry,
} from './testing/reference/reference-strategy.js';
export { type ProcessResult, runProcess, runProcesses } from './testing/run-processes.js';
