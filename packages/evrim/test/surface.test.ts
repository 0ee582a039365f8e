import { MemoryStore, SessionManager } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, Evrim, isTokenwiseError, RateLimitError } from '../src/index.js';
import { BASE_URL, createWorld, rejectionOf } from './world.js';

describe('the shared vendor surface', () => {
  it('exposes the resolved baseUrl and the session manager', async () => {
    const w = createWorld();
    const client = await w.create({ baseUrl: `${BASE_URL}/` });
    expect(client.baseUrl).toBe(BASE_URL);
    expect(client.manager).toBeInstanceOf(SessionManager);
    expect(client.manager.key).toBe('evrim:demo');
    await client.close();
  });

  it('request() makes an authorized call to an endpoint the SDK does not wrap', async () => {
    const w = createWorld();
    const client = await w.create();
    const response = await client.request('tasks/', { searchParams: { ordering: 'created_at' } });
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
    expect(w.cloud.counts.requests).toBe(1);
    await client.close();
  });

  it('request() renews a rejected session once and replays the call', async () => {
    const w = createWorld();
    const client = await w.create();
    w.cloud.revokeAccessTokens();
    const response = await client.request('reports/');
    expect(response.status).toBe(200);
    expect(w.cloud.counts).toMatchObject({ logins: 2, rejectedRequests: 1 });
    await client.close();
  });

  it('request() maps error answers to typed errors', async () => {
    const w = createWorld();
    const client = await w.create();
    const error = await rejectionOf(client.request('reports/9999/'));
    expect(isTokenwiseError(error, ErrorCodes.NotFoundError)).toBe(true);
    await client.close();
  });

  it('maxBackOffMs caps the login back-off the manager keeps after a 429', async () => {
    const w = createWorld();
    const store = new MemoryStore();
    w.cloud.rateLimitNextLogin(3_600_000);
    const error = await rejectionOf(w.create({ store, maxBackOffMs: 5_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
    const client = new Evrim(w.options({ store, maxBackOffMs: 5_000 }));
    expect(client.manager.rateLimitedForMs).toBeLessThanOrEqual(5_000);
    w.clock.advance(5_001);
    await client.tasks();
    expect(w.cloud.counts.logins).toBe(1);
    await client.close();
  });

  it('validateToken() asks /token/verify/ through the strategy and drops a refused session', async () => {
    const w = createWorld();
    const client = await w.create();
    w.cloud.revokeAccessTokens();
    expect(await client.validateToken()).toBe(false);
    expect(w.cloud.counts.verifies).toBe(1);
    expect(client.manager.peek()).toBeUndefined();
    await client.close();
  });
});
