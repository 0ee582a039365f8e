/**
 * Response builders in the shape Django REST framework + simplejwt 5.3.1
 * send them, headers included (see the vendor doc and fixtures).
 */

/** Headers every DRF view answer carries behind gunicorn. */
const COMMON_HEADERS: Record<string, string> = {
  server: 'gunicorn',
  vary: 'Accept, origin',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/** simplejwt's challenge on every 401. */
export const WWW_AUTHENTICATE = 'Bearer realm="api"';

/** A DRF JSON answer. `allow` lists the view's methods, as DRF does. */
export function drfJson(body: unknown, status: number, allow: string, extra: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', allow, ...COMMON_HEADERS, ...extra },
  });
}

/** A 401 with simplejwt's `WWW-Authenticate` challenge. */
export function unauthorized(body: unknown, allow: string): Response {
  return drfJson(body, 401, allow, { 'www-authenticate': WWW_AUTHENTICATE });
}

/** `token_not_valid` from the token views (verify, refresh). */
export function tokenNotValid(detail: string, allow: string): Response {
  return unauthorized({ detail, code: 'token_not_valid' }, allow);
}

/** What `JWTAuthentication` answers on a protected view for a bad, expired or wrong-type bearer. */
export function badBearer(allow: string, message = 'Token is invalid or expired'): Response {
  return unauthorized(
    {
      detail: 'Given token not valid for any token type',
      code: 'token_not_valid',
      messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
    },
    allow,
  );
}

/** A serializer's field errors: `{ "password": ["This field is required."] }`. */
export function fieldErrors(errors: Record<string, string>, allow: string): Response {
  return drfJson(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]])), 400, allow);
}

/** DRF's 405 for a method the view does not have. */
export function methodNotAllowed(method: string, allow: string): Response {
  return drfJson({ detail: `Method "${method}" not allowed.` }, 405, allow);
}

/** `get_object_or_404` on a model: `No ReportV2 matches the given query.` */
export function noMatch(model: string, allow: string): Response {
  return drfJson({ detail: `No ${model} matches the given query.` }, 404, allow);
}

/** DRF's throttle answer. */
export function throttled(retryAfterS: number | undefined, allow: string): Response {
  const detail =
    retryAfterS === undefined
      ? 'Request was throttled.'
      : `Request was throttled. Expected available in ${retryAfterS} second${retryAfterS === 1 ? '' : 's'}.`;
  return drfJson(
    { detail },
    429,
    allow,
    retryAfterS === undefined ? {} : { 'retry-after': String(retryAfterS) },
  );
}

/** Django's production 404 page for a URL no view matches. */
export function djangoNotFound(): Response {
  return new Response(
    '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
    { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', ...COMMON_HEADERS } },
  );
}

/** CommonMiddleware's APPEND_SLASH redirect (recorded on `/prod/runs`). */
export function appendSlash(location: string): Response {
  return new Response(null, {
    status: 301,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      location,
      server: 'gunicorn',
      vary: 'Cookie, origin',
    },
  });
}

/** A gateway or server failure: API Gateway's JSON for 502-504, Django's page otherwise. */
export function serverFailure(status: number): Response {
  if (status >= 502 && status <= 504) {
    return new Response(JSON.stringify({ message: 'Service Unavailable' }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }
  return new Response(`<h1>Server Error (${status})</h1>`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', server: 'gunicorn' },
  });
}
