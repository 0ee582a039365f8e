import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCodes } from '../src/errors.js';
import { AuthorizedHttp } from '../src/http/authorized-http.js';
import { sessionBaseSchema } from '../src/session.js';
import { SessionManager } from '../src/session-manager.js';
import type { AuthStrategy } from '../src/strategy.js';
import {
  createReferenceStrategy,
  FakeClock,
  handlerFetch,
  jsonResponse,
  ReferenceClient,
  ReferenceCloud,
} from '../src/testing/index.js';
import { mswHandlers } from '../src/testing/msw-handlers.js';

const schema = sessionBaseSchema.extend({ token: z.string() });
type BodySession = z.infer<typeof schema>;

/** A VeSync-like vendor: token in the JSON body, "expired" as a code inside HTTP 200. */
function bodyTokenVendor() {
  let issued = 0;
  const valid = new Set<string>();
  const seen: Array<{ token: unknown; payload: unknown }> = [];
  const handler = async (request: Request) => {
    const body = (await request.json()) as { token?: string; payload?: unknown };
    seen.push({ token: body.token, payload: body.payload });
    if (!body.token || !valid.has(body.token)) return jsonResponse({ code: -11001000, msg: 'token expired' });
    return jsonResponse({ code: 0, result: { echoed: body.payload } });
  };
  const strategy: AuthStrategy<BodySession> = {
    vendor: 'bodyvendor',
    account: 'a',
    schema,
    async login(ctx) {
      issued++;
      const token = `body-token-${issued}`;
      valid.add(token);
      return { vendor: 'bodyvendor', account: 'a', issuedAt: ctx.clock.now(), token };
    },
    authorize(parts, session) {
      parts.json = { ...(parts.json as Record<string, unknown>), token: session.token };
    },
    async isAuthFailure(response) {
      const body = (await response.json()) as { code?: number };
      return body.code === -11001000;
    },
    token: (s) => s.token,
  };
  return { handler, strategy, valid, seen };
}

describe('AuthorizedHttp', () => {
  it('replays a POST after an in-body auth failure with the NEW token and the same payload', async () => {
    const vendor = bodyTokenVendor();
    const clock = new FakeClock();
    const manager = new SessionManager({ strategy: vendor.strategy, clock });
    const http = new AuthorizedHttp({
      manager,
      baseUrl: 'https://body.test/api',
      fetch: handlerFetch(vendor.handler),
    });
    const resultSchema = z.object({ code: z.number(), result: z.object({ echoed: z.unknown() }) });
    await http.json('devices', resultSchema, { json: { payload: { page: 1 } } });
    vendor.valid.clear();
    const out = await http.json('devices', resultSchema, { json: { payload: { page: 2 } } });
    expect(out.result.echoed).toEqual({ page: 2 });
    expect(vendor.seen.slice(-2)).toEqual([
      { token: 'body-token-1', payload: { page: 2 } },
      { token: 'body-token-2', payload: { page: 2 } },
    ]);
    expect(manager.stats.logins).toBe(2);
    expect(manager.stats.invalidations).toBe(1);
  });

  it('maps 404, 500 and shape errors to typed errors that name the problem, not the values', async () => {
    const clock = new FakeClock();
    const cloud = new ReferenceCloud({ clock });
    let mode: 'missing' | 'broken' | 'shape' = 'missing';
    const handler = async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path.endsWith('/api/thing')) {
        if (mode === 'missing') return jsonResponse({ detail: 'Not found.' }, 404);
        if (mode === 'broken') return jsonResponse({ error: 'boom' }, 500);
        return jsonResponse({ items: [{ id: 'not-a-number', name: 'secret-value-123' }] });
      }
      return cloud.handler(request);
    };
    const schemaOfItems = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });
    const strategy = createReferenceStrategy({
      baseUrl: 'https://ref.test',
      username: 'demo@example.com',
      password: 'demo-password',
      fetch: handlerFetch(handler),
    });
    const api = new AuthorizedHttp({
      manager: new SessionManager({ strategy, clock }),
      baseUrl: 'https://ref.test',
      fetch: handlerFetch(handler),
      retries: 0,
    });
    await expect(api.json('api/thing', schemaOfItems)).rejects.toMatchObject({
      code: ErrorCodes.NotFoundError,
      status: 404,
    });
    mode = 'broken';
    await expect(api.json('api/thing', schemaOfItems)).rejects.toMatchObject({
      code: ErrorCodes.ApiError,
      status: 500,
    });
    mode = 'shape';
    const error = await api.json('api/thing', schemaOfItems).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.ResponseShapeError });
    expect((error as { issues: Array<{ path: string }> }).issues[0]?.path).toBe('items.0.id');
    expect(JSON.stringify(error)).not.toContain('secret-value-123');
  });

  it('turns an unreachable vendor into a NetworkError', async () => {
    const client = new ReferenceClient({
      baseUrl: 'http://127.0.0.1:9',
      username: 'demo@example.com',
      password: 'demo-password',
    });
    await expect(client.items()).rejects.toMatchObject({ code: ErrorCodes.NetworkError });
  });

  describe('served through MSW with the global fetch', () => {
    const cloud = new ReferenceCloud();
    const server = setupServer(...mswHandlers('https://reference.msw.test', cloud.handler));
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => server.close());

    it('logs in once and serves many calls', async () => {
      const client = new ReferenceClient({
        baseUrl: 'https://reference.msw.test',
        username: 'demo@example.com',
        password: 'demo-password',
      });
      const results = await Promise.all(Array.from({ length: 20 }, () => client.items()));
      expect(results[0]).toHaveLength(2);
      expect(cloud.counts.logins).toBe(1);
      expect(cloud.counts.requests).toBe(20);
    });
  });
});
