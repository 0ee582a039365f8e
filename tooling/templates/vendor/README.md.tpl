# @tokenwise/__vendor__

A TypeScript client for the __Vendor__ cloud API that never makes you think about
token expiry: it logs in once, refreshes the access token shortly before it
expires, retries a call once after a 401, and keeps the session in a store so a
restarted process, or many processes at once, do not log in again.

<!-- TODO(__vendor__): say what __Vendor__ is, which login flow it uses and how long its tokens live. -->

## Install

```sh
npm i @tokenwise/__vendor__
```

Node.js 20.19 or newer. ESM and CommonJS.

## Quick start

```ts
import { __Vendor__Client, FileStore } from '@tokenwise/__vendor__';

const client = await __Vendor__Client.create({
  username: 'me@example.com',
  password: process.env.__VENDOR___PASSWORD, // your script's choice; the client reads no password variable
  store: new FileStore(), // optional: share/persist the session (0600 JSON file)
});
try {
  console.log(await client.items());
} finally {
  await client.close();
}
```

## Options

| Option | Default | Meaning |
| --- | --- | --- |
| `username` | (required) | Login name; also names the stored session. |
| `password` | — | Password, a string or `Secret`; needed to log in, not while the store holds a renewable session. |
| `baseUrl` | `TOKENWISE___VENDOR___URL`, then the production URL | API base URL (http or https, no credentials or query). |
| `store` | a new `MemoryStore` | Where sessions are shared and persisted (`FileStore`, `RedisStore`, ...). |
| `fetch` | the global `fetch` | The `fetch` used for every request. |
| `timeoutMs` | none | Deadline of one call (session, attempts, waits and body), in ms. |
| `clock` | the system clock | Time source, for tests. |
| `maxBackOffMs` | one hour | Longest login back-off kept after a rate limit. |
| `refreshMarginMs` | 60 000 | Renew this long before the access token expires. |
| `env` | `process.env` | Environment the base URL falls back to. |

## Methods

| Method | What it does |
| --- | --- |
| `__Vendor__Client.create(options)` | A client with a valid session: the stored one, else a login. |
| `new __Vendor__Client(options)` | A client without any I/O; the first call authenticates. |
| `client.items({ signal? })` | The account's items. |
| `client.request(path, init?)` | An authorized call to any endpoint the SDK does not wrap; renews once on a 401; typed errors. |
| `client.manager` | The session manager: `get()`, `peek()`, `keepAlive()`, events and stats. |
| `client.baseUrl` | The resolved base URL. |
| `client.close()` / `await using` | Releases the client; every later call fails with `ClientClosedError`. |

## Errors

Every error is a `TokenwiseError` with `vendor: '__vendor__'`; test for one with
`isTokenwiseError(error, code)`.

| Error | When |
| --- | --- |
| `ConfigurationError` | A missing or bad option (named in the message), before anything is sent. |
| `ClientClosedError` | A call after `close()`. |
| `InvalidCredentialsError` | The username or password was rejected (HTTP 401 on login). |
| `TokenRefreshError` | The refresh token was rejected and no login was possible. |
| `RateLimitError` | The API answered 429; `retryAfterMs` says how long to wait. |
| `NotFoundError` | HTTP 404 from a data call. |
| `ApiError` | Any other refused call (`status`, `vendorCode`). |
| `NetworkError` | The API could not be reached. |

## Environment

| Variable | Meaning |
| --- | --- |
| `TOKENWISE___VENDOR___URL` | Base URL when the `baseUrl` option is not given (the sandbox prints it). |

## Testing with the mock

`@tokenwise/__vendor__/mock` holds a simulator of the cloud; serve it with
`handlerFetch` (no sockets) or `startLoopbackServer` (127.0.0.1). `tokenwise
sandbox` runs it too.

```ts
import { __Vendor__Client } from '@tokenwise/__vendor__';
import { __Vendor__Cloud, DEMO_ACCOUNTS, handlerFetch } from '@tokenwise/__vendor__/mock';

const cloud = new __Vendor__Cloud();
const [account] = DEMO_ACCOUNTS;
const client = await __Vendor__Client.create({
  baseUrl: 'https://api.__vendor__.test',
  username: account?.username ?? '',
  password: account?.password,
  fetch: handlerFetch(cloud.handler),
});
console.log(await client.items(), cloud.counts.logins);
cloud.revokeAccessTokens(); // the next call renews once and succeeds
await client.items();
await client.close();
```

Run the package's tests with `pnpm test` at the repository root (they include
the core's strategy conformance suite against this simulator).
