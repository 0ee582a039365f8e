/**
 * The mock base: what every vendor simulator is built on and what serves it, with no vitest and
 * no msw. Vendor `/mock` entries re-export all of it (`export * from '@tokenwise/auth-core/mock'`),
 * so a user of one vendor package can serve its simulator without a direct dependency on core.
 *
 * @module mock
 */
export { FakeClock } from './testing/fake-clock.js';
export { type FetchHandler, handlerFetch, jsonResponse } from './testing/fetch-handler.js';
export {
  type LoopbackServer,
  type LoopbackServerOptions,
  startLoopbackServer,
} from './testing/loopback-server.js';
export { type FakeJwtOptions, fakeJwt, verifyFakeJwt } from './testing/mock-base/fake-jwt.js';
export {
  MockCloud,
  type MockCloudCounts,
  type MockFault,
  mockCloudCounts,
} from './testing/mock-base/mock-cloud.js';
export { MockTokens } from './testing/mock-base/mock-tokens.js';
