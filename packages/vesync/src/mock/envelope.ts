/** A VeSync answer: always the same envelope, HTTP 200 unless told otherwise. */
export function envelope(
  traceId: unknown,
  code: number,
  msg: string,
  result: unknown = null,
  status = 200,
): Response {
  const body = {
    traceId: typeof traceId === 'string' ? traceId : '',
    code,
    msg,
    module: null,
    stacktrace: null,
    result,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
  });
}

/** A non-JSON failure, the way a proxy in front of the cloud answers a 5xx. */
export function plainFailure(status: number): Response {
  return new Response(`upstream error ${status}`, { status, headers: { 'content-type': 'text/plain' } });
}
