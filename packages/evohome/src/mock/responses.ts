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

/** One item of a V2 failure list. */
export interface FailureItem {
  code: string;
  message: string;
  parameterName?: string;
}

/** A V2 failure list with several items (e.g. one `ParameterIsMissing` per missing field). */
export function failures(status: number, items: readonly FailureItem[]): Response {
  return json(items, status);
}

/** `ParameterIsMissing` for each name, as the vendor lists them. */
export function parametersMissing(names: readonly string[]): Response {
  return failures(
    400,
    names.map((parameterName) => ({
      code: 'ParameterIsMissing',
      parameterName,
      message: 'Parameter is missing.',
    })),
  );
}

/** A value the vendor cannot bind to its type (a bad enum or id). */
export function invalidInput(message = 'Invalid Input.'): Response {
  return failure(400, 'InvalidInput', message);
}

/** A valid token asking about someone else's (or no) entity. */
export function notAllowed(): Response {
  return failure(401, 'Unauthorized', 'You are not allowed to perform this action.');
}

/** A known route with a missing or unknown query: the vendor's JSON 404. */
export function noResource(): Response {
  return json({ message: 'No HTTP resource was found that matches the request URI.' }, 404);
}

/** The V2 API's answer to a method a route does not support (recorded as 405 JSON). */
export function methodNotAllowed(method: string): Response {
  return json({ message: `The requested resource does not support http method '${method}'.` }, 405);
}

/** A write the vendor accepted: the id of the communication task that carries it out. */
export function taskAccepted(id: string): Response {
  return json({ id });
}
