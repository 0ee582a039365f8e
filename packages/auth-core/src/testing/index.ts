export { describeStoreConformance } from './conformance/store-conformance.js';
export {
  type ConformanceClient,
  type ConformanceClientOptions,
  type ConformanceCloud,
  type ConformanceHarness,
  describeStrategyConformance,
  type StrategyConformanceOptions,
} from './conformance/strategy-conformance.js';
export { FakeClock } from './fake-clock.js';
export { type FetchHandler, handlerFetch, jsonResponse } from './fetch-handler.js';
export { type LoopbackServer, type LoopbackServerOptions, startLoopbackServer } from './loopback-server.js';
export { mswHandlers } from './msw-handlers.js';
export { ReferenceClient, type ReferenceClientOptions } from './reference/reference-client.js';
export {
  ReferenceCloud,
  type ReferenceCloudCounts,
  type ReferenceCloudOptions,
} from './reference/reference-cloud.js';
export {
  createReferenceStrategy,
  type ReferenceSession,
  type ReferenceStrategyOptions,
  referenceSessionSchema,
  referenceTokenExpiry,
} from './reference/reference-strategy.js';
export { type ProcessResult, runProcess, runProcesses } from './run-processes.js';
