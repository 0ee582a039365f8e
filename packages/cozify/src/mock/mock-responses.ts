/**
 * A JSON response as the Cozify cloud and hubs send them. Kept here rather
 * than imported from `@tokenwise/auth-core/testing`, whose entry also loads
 * vitest and msw: the mock must run in plain programs and examples.
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A bare-text response: how `emaillogin` and `refreshsession` return a token. */
export function text(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
