/** A mock cloud: a function from a Fetch API request to a response. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * A `fetch` that calls the handler in-process: no sockets, no interception.
 * The most direct way to point a client's `fetch` option at a mock cloud.
 */
export function handlerFetch(handler: FetchHandler): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason ?? new DOMException('Aborted', 'AbortError');
    return handler(request);
  };
}

/** A JSON response, the way vendor clouds send them. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
