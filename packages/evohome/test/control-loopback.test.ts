import { startLoopbackServer } from '@tokenwise/auth-core/testing';
import { describeControlScenarios } from './control-scenarios.js';

// Real HTTP on 127.0.0.1: what `tokenwise sandbox` serves to the vendors' own clients.
describeControlScenarios('the loopback server', async (cloud) => {
  const server = await startLoopbackServer(cloud.handler);
  return { baseUrl: server.url, close: () => server.close() };
});
