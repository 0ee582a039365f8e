/**
 * MSW request handlers that serve a mock cloud: the optional `msw` half of the
 * testing kit, apart so that `@tokenwise/auth-core/testing` never loads `msw`.
 *
 * @module testing/msw
 */
import { http, type RequestHandler } from 'msw';
import type { FetchHandler } from './fetch-handler.js';

/**
 * MSW request handlers that route every request under `baseUrl` to a mock
 * cloud. Use with `setupServer(...mswHandlers(url, cloud.handler))`.
 */
export function mswHandlers(baseUrl: string, handler: FetchHandler): RequestHandler[] {
  const origin = baseUrl.replace(/\/+$/, '');
  return [http.all(`${origin}/*`, ({ request }) => handler(request))];
}
