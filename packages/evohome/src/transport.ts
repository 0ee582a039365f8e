import {
  AuthorizedHttp,
  type AuthStrategy,
  type SessionBase,
  SessionManager,
} from '@tokenwise/auth-core/vendor';
import { mapDataError } from './errors.js';
import type { ResolvedOptions } from './options.js';

/** A client's session manager and the authorized HTTP client on top of it. */
export interface Transport<S extends SessionBase> {
  manager: SessionManager<S>;
  http: AuthorizedHttp<S>;
}

/** Wires a strategy to a manager and an authorized HTTP client for one API base path. */
export function createTransport<S extends SessionBase>(
  strategy: AuthStrategy<S>,
  options: ResolvedOptions,
  basePath: string,
): Transport<S> {
  const manager = new SessionManager({
    strategy,
    store: options.store,
    clock: options.clock,
    maxBackOffMs: options.maxBackOffMs,
  });
  const http = new AuthorizedHttp({
    manager,
    baseUrl: `${options.baseUrl}${basePath}`,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    mapError: mapDataError,
    // ASP.NET WebAPI negotiates the format: ask for JSON as the Python clients do, never XML.
    headers: { accept: 'application/json' },
  });
  return { manager, http };
}
