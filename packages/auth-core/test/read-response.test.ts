import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthorizedHttp } from '../src/http/authorized-http.js';
import { ReadResponse } from '../src/http/read-response.js';
import { readBody } from '../src/http/request-json.js';
import { sessionBaseSchema } from '../src/session.js';
import { SessionManager } from '../src/session-manager.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { AuthStrategy } from '../src/strategy.js';
import { handlerFetch, jsonResponse } from '../src/testing/index.js';

const encode = (text: string) => new TextEncoder().encode(text);

function source(body: string | null, status = 200): Response {
  const response = new Response(body, {
    status,
    headers: { 'content-type': 'application/json', 'x-id': '7' },
  });
  Object.defineProperty(response, 'url', { value: 'https://vendor.test/api/things' });
  return response;
}

describe('ReadResponse', () => {
  it("is a Response with the vendor answer's status, headers and url, and a body every reader can read", async () => {
    const answer = new ReadResponse(source('{"a":[1,2]}', 201), encode('{"a":[1,2]}'));
    expect(answer).toBeInstanceOf(Response);
    expect([answer.status, answer.ok, answer.url, answer.headers.get('x-id')]).toEqual([
      201,
      true,
      'https://vendor.test/api/things',
      '7',
    ]);
    expect(await answer.json()).toEqual({ a: [1, 2] });
    expect(await answer.text()).toBe('{"a":[1,2]}');
    expect(new TextDecoder().decode(await answer.arrayBuffer())).toBe('{"a":[1,2]}');
    expect(await new Response(answer.body).text()).toBe('{"a":[1,2]}');
    expect(await answer.clone().json()).toEqual({ a: [1, 2] });
    expect(answer.bodyUsed).toBe(false);
  });

  it('parses once: json(), parsed() and readBody() share one parse', async () => {
    const answer = new ReadResponse(source('{"code":0}'), encode('{"code":0}'));
    const first = await answer.json();
    expect(answer.parsed().value).toBe(first);
    expect((await readBody(answer, 'vendor', 'body')).value).toBe(first);
  });

  it('answers like Response.json() for an empty or non-JSON body, and keeps a 204 bodiless', async () => {
    await expect(new ReadResponse(source(null, 204), new Uint8Array(0)).json()).rejects.toBeInstanceOf(
      SyntaxError,
    );
    expect(new ReadResponse(source(null, 204), new Uint8Array(0)).body).toBeNull();
    const html = new ReadResponse(source('<html>', 502), encode('<html>'));
    await expect(html.json()).rejects.toBeInstanceOf(SyntaxError);
    expect(html.parsed()).toEqual({ kind: 'text', value: '<html>' });
    expect(html.ok).toBe(false);
  });

  it('an authorized call builds one: isAuthFailure sees the very answer request() returns', async () => {
    const seen: Response[] = [];
    const schema = sessionBaseSchema.extend({ token: z.string() });
    const strategy: AuthStrategy<z.infer<typeof schema>> = {
      vendor: 'acme',
      account: 'a',
      schema,
      login: async (ctx) => ({
        vendor: 'acme',
        account: 'a',
        issuedAt: ctx.clock.now(),
        expiresAt: ctx.clock.now() + 3_600_000,
        token: 't',
      }),
      authorize: (parts, session) => parts.headers.set('authorization', `Bearer ${session.token}`),
      isAuthFailure: async (response) => {
        seen.push(response);
        await response.json();
        return false;
      },
      token: (session) => session.token,
    };
    const manager = new SessionManager({ strategy, store: new MemoryStore() });
    const http = new AuthorizedHttp({
      manager,
      baseUrl: 'https://vendor.test',
      fetch: handlerFetch(() => jsonResponse({ items: [1] })),
    });
    const answer = await http.request('api/things');
    expect(seen).toEqual([answer]);
    expect(await answer.json()).toEqual({ items: [1] });
    expect(await http.json('api/things', z.object({ items: z.array(z.number()) }))).toEqual({ items: [1] });
    await manager.close();
  });
});
