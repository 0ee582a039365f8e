import { NetworkError, TokenwiseError } from '../errors.js';

/** Wraps a fetch failure (refused, DNS, abort) without echoing URLs' query strings. */
export function networkError(error: unknown, vendor: string, url: string | URL): TokenwiseError {
  if (error instanceof TokenwiseError) return error;
  const host = safeHost(url);
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new NetworkError(`The request to ${vendor} (${host}) was aborted or timed out`, { vendor });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  // undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port") is on the cause.
  const detail =
    (cause as { code?: string } | undefined)?.code ??
    cause?.message ??
    (error instanceof Error ? error.message : 'error');
  return new NetworkError(`Could not reach ${vendor} at ${host}: ${detail}`, { vendor });
}

/** The host of a URL for messages: never its path or query string. */
export function safeHost(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    return parsed.host;
  } catch {
    return 'an invalid URL';
  }
}
