import { mswHandlers } from '@tokenwise/auth-core/testing/msw';
import { setupServer } from 'msw/node';
import { DEFAULT_BASE_URL } from '../src/index.js';
import { describeControlScenarios } from './control-scenarios.js';

// Real fetch on the vendor's host, intercepted by MSW (no fetch or baseUrl option).
describeControlScenarios('MSW on the vendor host', async (cloud) => {
  const server = setupServer(...mswHandlers(DEFAULT_BASE_URL, (request) => cloud.handler(request)));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    async close() {
      server.close();
    },
  };
});
