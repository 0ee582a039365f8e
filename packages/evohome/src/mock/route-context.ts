import type { EvohomeMockAccount } from './accounts.js';
import type { HomeState } from './home-state.js';
import { htmlNotFound, methodNotAllowed } from './responses.js';
import type { MockTasks } from './tasks.js';

/** What a data route of the simulator works with, once the caller is authenticated. */
export interface RouteContext {
  readonly request: Request;
  readonly url: URL;
  /** The path below the API's base path, as sent (the vendor matches routes without regard to case). */
  readonly route: string;
  readonly account: EvohomeMockAccount;
  readonly now: number;
  readonly homes: HomeState;
  readonly tasks: MockTasks;
}

/** A route of one API: its path pattern and a handler per method it supports. */
export interface MockRoute {
  pattern: RegExp;
  methods: Partial<
    Record<'GET' | 'PUT', (context: RouteContext, id: string) => Response | Promise<Response>>
  >;
  /** What a method the route lacks gets: the vendor's 405 JSON, or (for some routes) its HTML 404. */
  otherMethods?: 'method-not-allowed' | 'not-found';
}

/**
 * Answers a request from a route table: the route's handler for its method,
 * the route's answer to any other method, or the IIS HTML 404 for a path no
 * route matches.
 */
export async function dispatchRoute(routes: readonly MockRoute[], context: RouteContext): Promise<Response> {
  for (const route of routes) {
    const match = route.pattern.exec(context.route);
    if (match === null) continue;
    const method = context.request.method.toUpperCase();
    const handler = method === 'GET' || method === 'PUT' ? route.methods[method] : undefined;
    if (handler) return handler(context, match[1] ?? '');
    return route.otherMethods === 'not-found' ? htmlNotFound() : methodNotAllowed(method);
  }
  return htmlNotFound();
}
