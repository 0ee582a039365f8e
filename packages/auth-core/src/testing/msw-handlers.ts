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
