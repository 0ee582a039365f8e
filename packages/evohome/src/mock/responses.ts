/** A JSON answer, as the vendor sends it. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The vendor's list-shaped failure body. */
export function failure(status: number, code: string, message: string): Response {
  return json([{ code, message }], status);
}

/** Unknown routes get an HTML page, not JSON, like the real IIS front end. */
export function htmlNotFound(): Response {
  return new Response(
    '<!DOCTYPE html><html><body><h2>404 - File or directory not found.</h2></body></html>',
    {
      status: 404,
      headers: { 'content-type': 'text/html' },
    },
  );
}

/** Outages come as plain text (HA #143891). */
export function outage(status: number): Response {
  return new Response('The service is unavailable.', { status, headers: { 'content-type': 'text/plain' } });
}
