import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ErrorCodes, isTokenwiseError } from '../src/errors.js';
import { AuthorizedHttp, type AuthorizedHttpOptions } from '../src/http/authorized-http.js';
import { requestJson } from '../src/http/request-json.js';
import { sessionBaseSchema } from '../src/session.js';
import { SessionManager } from '../src/session-manager.js';
import type { AuthStrategy } from '../src/strategy.js';
import { type FaultServer, startFaultServer } from './fault-server.js';

// A real collection between starting a call and its deadline: the abort link undici
// keeps from a Request to the signal it follows does not survive one (nodejs/undici#3644).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const schema = sessionBaseSchema.extend({ token: z.string() });
type Session = z.infer<typeof schema>;

/** Token in the query and in the JSON body: the shapes that used to need a second Request. */
const strategy: AuthStrategy<Session> = {
  vendor: 'faulty',
  account: 'a',
  schema,
  async login(context) {
    return { vendor: 'faulty', account: 'a', issuedAt: context.clock.now(), token: 'token-1' };
  },
  authorize(parts, session) {
    parts.url.searchParams.set('token', session.token);
    if (parts.json !== undefined) parts.json = { ...(parts.json as object), token: session.token };
  },
  isAuthFailure: (response) => response.status === 401,
  token: (session) => session.token,
};

const anything = z.unknown();

describe('one deadline per call, a body cap, typed aborts', () => {
  let server: FaultServer;
  const managers: SessionManager<Session>[] = [];

  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => {
    for (const manager of managers.splice(0)) await manager.close();
    await server.close();
  });

  const client = (options: Partial<AuthorizedHttpOptions<Session>> = {}) => {
    const manager = new SessionManager({ strategy });
    managers.push(manager);
    return new AuthorizedHttp({ manager, baseUrl: server.url, ...options });
  };

  const failure = async (promise: Promise<unknown>): Promise<unknown> => {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  };

  it('bounds a body that trickles by timeoutMs (TimeoutError, connection closed)', async () => {
    const http = client({ timeoutMs: 600 });
    const error = await failure(http.json('trickle', anything, { json: { page: 1 } }));
    expect(isTokenwiseError(error, ErrorCodes.TimeoutError)).toBe(true);
    expect((error as Error).message).toBe('The response of trickle from faulty did not arrive within 600 ms');
    await vi.waitFor(() => expect(server.record('/trickle').closedEarly).toBe(1));
  });

  it('bounds a trickling login answer in requestJson too', async () => {
    const error = await failure(
      requestJson({
        fetch,
        url: `${server.url}/trickle`,
        schema: anything,
        vendor: 'faulty',
        what: 'login response',
        timeoutMs: 600,
      }),
    );
    expect(isTokenwiseError(error, ErrorCodes.TimeoutError)).toBe(true);
    await vi.waitFor(() => expect(server.record('/trickle').closedEarly).toBe(1));
  });

  it('stops reading a body past maxBodyBytes with ResponseTooLargeError and closes the connection', async () => {
    const http = client({ maxBodyBytes: 1024 * 1024 });
    const error = await failure(http.json('huge', anything));
    expect(isTokenwiseError(error, ErrorCodes.ResponseTooLargeError)).toBe(true);
    expect(error).toMatchObject({ limitBytes: 1024 * 1024, vendor: 'faulty' });
    await vi.waitFor(() => expect(server.record('/huge').closedEarly).toBe(1));
    // The server stops at 64 MiB on its own; a client reading everything would have taken it all.
    expect(server.record('/huge').bytesWritten).toBeLessThan(64 * 1024 * 1024);
  });

  it('applies the default 10 MiB cap, and refuses a content-length above the cap before reading', async () => {
    const http = client();
    const huge = await failure(http.request('huge'));
    expect(huge).toMatchObject({ code: ErrorCodes.ResponseTooLargeError, limitBytes: 10 * 1024 * 1024 });
    const declared = await failure(
      requestJson({
        fetch,
        url: `${server.url}/declared-huge`,
        schema: anything,
        vendor: 'faulty',
        what: 'x',
      }),
    );
    expect(declared).toMatchObject({ code: ErrorCodes.ResponseTooLargeError });
    await vi.waitFor(() => expect(server.record('/declared-huge').closedEarly).toBe(1));
  });

  it('stops a compressed body that inflates past maxBodyBytes, though its declared length is within it', async () => {
    // content-length counts the compressed bytes (~32 KiB); what is read is the inflated body.
    const http = client({ maxBodyBytes: 1024 * 1024 });
    const error = await failure(http.request('gzip-bomb'));
    expect(error).toMatchObject({ code: ErrorCodes.ResponseTooLargeError, limitBytes: 1024 * 1024 });
    const login = await failure(
      requestJson({
        fetch,
        url: `${server.url}/gzip-bomb`,
        schema: anything,
        vendor: 'faulty',
        what: 'x',
        maxBodyBytes: 1024 * 1024,
      }),
    );
    expect(login).toMatchObject({ code: ErrorCodes.ResponseTooLargeError, limitBytes: 1024 * 1024 });
  });

  it("takes a call's own maxBodyBytes over the client's", async () => {
    const http = client({ maxBodyBytes: 1024 * 1024 });
    const error = await failure(http.request('huge', { maxBodyBytes: 128 * 1024 }));
    expect(error).toMatchObject({ code: ErrorCodes.ResponseTooLargeError, limitBytes: 128 * 1024 });
  });

  for (const path of ['hang', 'hang-body']) {
    it(`turns a caller's abort into AbortError after a GC (${path})`, async () => {
      const http = client({ timeoutMs: 60_000 });
      const controller = new AbortController();
      const call = failure(http.json(path, anything, { json: { page: 1 }, signal: controller.signal }));
      await vi.waitFor(() => expect(server.record(`/${path}`).hits).toBe(1));
      gc();
      controller.abort(new Error('user gave up'));
      const error = await call;
      expect(isTokenwiseError(error, ErrorCodes.AbortError)).toBe(true);
      expect((error as Error).cause).toEqual(new Error('user gave up'));
      await vi.waitFor(() => expect(server.record(`/${path}`).closedEarly).toBe(1));
    });

    it(`turns the deadline into TimeoutError after a GC (${path})`, async () => {
      const http = client({ timeoutMs: 700 });
      const call = failure(http.json(path, anything, { searchParams: { q: 1 } }));
      await vi.waitFor(() => expect(server.record(`/${path}`).hits).toBe(1));
      gc();
      const error = await call;
      expect(isTokenwiseError(error, ErrorCodes.TimeoutError)).toBe(true);
      await vi.waitFor(() => expect(server.record(`/${path}`).closedEarly).toBe(1));
    });
  }

  it('fails a call whose signal already fired with AbortError, sending nothing', async () => {
    const http = client();
    const error = await failure(http.json('hang', anything, { signal: AbortSignal.abort() }));
    expect(isTokenwiseError(error, ErrorCodes.AbortError)).toBe(true);
    expect(server.record('/hang').hits).toBe(0);
  });

  it('surfaces a 429 with an unusable Retry-After ("soon") at once: one attempt, no silent wait', async () => {
    const http = client();
    const error = await failure(http.json('429-soon', anything));
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    expect(server.record('/429-soon').hits).toBe(1);
  });

  it('still retries an idempotent call after a 503 with a usable Retry-After', async () => {
    const http = client();
    await expect(http.json('503-then-ok', anything)).resolves.toEqual({ ok: true });
    expect(server.record('/503-then-ok').hits).toBe(2);
  });
});
