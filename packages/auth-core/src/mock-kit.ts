// The vitest-free, msw-free part of the testing kit: what a vendor's mock cloud and the CLI
// sandbox need at run time.
export { FakeClock } from './testing/fake-clock.js';
export { type FetchHandler, handlerFetch, jsonResponse } from './testing/fetch-handler.js';
export {
  type LoopbackServer,
  type LoopbackServerOptions,
  startLoopbackServer,
} from './testing/loopback-server.js';
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
export { type FakeJwtOptions, fakeJwt, verifyFakeJwt } from './testing/mock-base/fake-jwt.js';
export { MockCloud, type MockCloudCounts, type MockFault, mockCloudCounts } from './testing/mock-base/mock-cloud.js';
export { MockTokens } from './testing/mock-base/mock-tokens.js';
