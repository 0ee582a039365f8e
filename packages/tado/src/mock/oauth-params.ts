/**
 * The parameters of a `/oauth2/*` call, wherever the client put them: tado's
 * own example, node-tado-client and PyTado's poll use the query string,
 * PyTado (since #314), libtado and python-tado a form body (tado.md §1.3).
 */
export async function oauthParams(request: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(request.url).search);
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(await request.text())) params.set(key, value);
  }
  return params;
}
