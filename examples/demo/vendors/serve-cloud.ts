import { startLoopbackServer } from '@tokenwise/auth-core/mock';
import type { CloudCounts, DemoCloud } from '../vendor-demo.js';

/** Serves a mock cloud's handler on 127.0.0.1 as a {@link DemoCloud}. */
export async function serveCloud(
  cloud: { handler: (request: Request) => Promise<Response> | Response; counts: CloudCounts & object },
  path = '',
): Promise<DemoCloud> {
  const server = await startLoopbackServer(cloud.handler);
  return {
    url: `${server.url}${path}`,
    counts: () => ({
      requests: cloud.counts.requests,
      logins: cloud.counts.logins,
      refreshes: cloud.counts.refreshes,
      rateLimited: cloud.counts.rateLimited,
    }),
    close: () => server.close(),
  };
}
