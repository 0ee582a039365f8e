/**
 * One attempt of an authorized call before it is sent: what a strategy's
 * `authorize` edits. `AuthorizedHttp` builds fresh parts for every attempt and
 * turns them into exactly one `fetch` call, so credentials are added before any
 * `Request` exists and no request ever wraps another.
 */
export interface RequestParts {
  /** Absolute URL; edit its `searchParams` (or host) in place. */
  readonly url: URL;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Headers of this attempt; set credentials here. */
  readonly headers: Headers;
  /**
   * The JSON body, `undefined` for none. To add fields, assign a new object
   * (`parts.json = { ...parts.json, token }`): the caller's object is shared
   * by every attempt and must not be mutated.
   */
  json: unknown;
  /** Fires at the call's deadline or when its caller aborts; pass it to any I/O `authorize` does. */
  readonly signal: AbortSignal;
}
