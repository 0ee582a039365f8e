import { inspect } from 'node:util';
import { handlerFetch } from '@tokenwise/auth-core/testing';
import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidCredentialsError, NavienApiClient, NavienAuthClient, RateLimitError } from '../src/index.js';
import { BASE_URL, EMAIL, mockWorld, PASSWORD } from './helpers/harness.js';

/** Rewrites every reply of `fetch` (status, body, headers) the way a differently-behaved cloud would. */
function rewriting(
  fetch: typeof globalThis.fetch,
  rewrite: (url: string, response: Response) => Promise<Response | undefined>,
): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    return (await rewrite(url, response.clone())) ?? response;
  };
}

describe('explicit signIn() goes through the session manager', () => {
  let world = mockWorld();
  afterEach(async () => {
    await world.closeAll();
    world = mockWorld();
  });

  it('counts in stats.logins, returns the legal documents, and concurrent calls share one sign-in', async () => {
    const auth = world.auth();
    const [first, second] = await Promise.all([auth.signIn(), auth.signIn()]);
    expect(world.cloud.counts.logins).toBe(1);
    expect(auth.manager.stats.logins).toBe(1);
    expect(first.tokens.accessToken).toBe(second.tokens.accessToken);
    expect(first.legal.map((l) => l.legalType)).toEqual(['pp', 'tc']);
    expect(first.message).toBe('SUCCESS');
    // A second, later call really signs in again: new tokens, new AWS credentials.
    const again = await auth.signIn();
    expect(world.cloud.counts.logins).toBe(2);
    expect(again.tokens.accessKeyId).not.toBe(first.tokens.accessKeyId);
  });

  it('honours a 429 back-off shared through the store instead of asking the cloud again', async () => {
    const store = new MemoryStore();
    const auth = world.auth({ store });
    world.cloud.rateLimitNextLogin(120_000);
    await expect(auth.signIn()).rejects.toBeInstanceOf(RateLimitError);
    expect(world.cloud.counts.rateLimited).toBe(1);
    const sibling = world.auth({ store });
    const error = await sibling.signIn().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ fromStore: true });
    // Neither a second 429 nor a sign-in reached the cloud.
    expect(world.cloud.counts.rateLimited).toBe(1);
    expect(world.cloud.counts.logins).toBe(0);
    world.clock.advance(121_000);
    await sibling.signIn();
    expect(world.cloud.counts.logins).toBe(1);
  });

  it('a rejected password is not kept and the current session stays usable', async () => {
    const auth = world.auth();
    const before = (await auth.signIn()).tokens;
    await expect(auth.signIn(undefined, 'not-the-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(auth.currentTokens?.accessToken).toBe(before.accessToken);
    // The next renewal (AWS credentials expiring) signs in with the password that works.
    world.clock.advance(56 * 60_000);
    expect((await auth.ensureValidToken())?.accessKeyId).not.toBe(before.accessKeyId);
    expect(world.cloud.counts.logins).toBe(2);
  });

  it('adopts a fresh session another client of the same store just obtained', async () => {
    const store = new MemoryStore();
    await world.auth({ store }).signIn();
    const response = await world.auth({ store }).signIn();
    expect(world.cloud.counts.logins).toBe(1);
    expect(response.userInfo.fullName).toBe('Demo User');
    expect(response.legal).toEqual([]);
  });
});

describe('errors the cloud signals inside an HTTP 200', () => {
  let world = mockWorld();
  afterEach(async () => {
    await world.closeAll();
    world = mockWorld();
  });

  it('a sign-in answered HTTP 200 with {code:401} is InvalidCredentialsError', async () => {
    const fetch = rewriting(world.fetch, async (url) =>
      url.endsWith('/user/sign-in')
        ? Response.json({ code: 401, msg: 'Invalid credentials' }, { status: 200 })
        : undefined,
    );
    const auth = new NavienAuthClient(EMAIL, PASSWORD, { baseUrl: BASE_URL, fetch, env: {} });
    await expect(auth.open()).rejects.toBeInstanceOf(InvalidCredentialsError);
    await auth.close();
  });

  it('a {code:401} data reply is recognised whatever content type it is labelled with', async () => {
    world = mockWorld({ authFailure: 'code', awsTtlSeconds: 4 * 3600 });
    const fetch = rewriting(world.fetch, async (_url, response) => {
      const text = await response.text();
      return new Response(text, { status: response.status, headers: { 'content-type': 'text/plain' } });
    });
    const auth = new NavienAuthClient(EMAIL, PASSWORD, {
      baseUrl: BASE_URL,
      fetch,
      clock: world.clock,
      env: {},
    });
    try {
      const api = new NavienApiClient(auth);
      await api.listDevices();
      world.cloud.revokeAccessTokens();
      expect(await api.listDevices()).toHaveLength(1);
      expect(world.cloud.counts.refreshes).toBe(1);
    } finally {
      await auth.close();
    }
  });

  it('a 500 whose msg echoes the password keeps no 6-character piece of it, even where the message is cut', async () => {
    // 110 characters first: cutting the msg at 120 used to leave the password's first 10 behind.
    const echo = `${'x'.repeat(110)}${PASSWORD} while handling {"userId":"${EMAIL}","password":"${PASSWORD}"}`;
    const fetch = rewriting(world.fetch, async (url) =>
      url.endsWith('/user/sign-in') ? Response.json({ code: 500, msg: echo }, { status: 500 }) : undefined,
    );
    const auth = new NavienAuthClient(EMAIL, PASSWORD, { baseUrl: BASE_URL, fetch, env: {} });
    const error = await auth.open().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    await auth.close();
    expect(error).toMatchObject({ code: 'TOKENWISE_API', status: 500, vendorCode: 500 });
    const text = [String(error), JSON.stringify(error), inspect(error, { depth: 6 })].join('\n');
    for (let i = 0; i + 6 <= PASSWORD.length; i++) expect(text).not.toContain(PASSWORD.slice(i, i + 6));
  });

  it('the mock refuses a POST without a JSON content type, so a client that omits it fails in tests', async () => {
    const response = await handlerFetch(world.cloud.handler)(`${BASE_URL}/user/sign-in`, {
      method: 'POST',
      body: JSON.stringify({ userId: EMAIL, password: PASSWORD }),
    });
    expect(response.status).toBe(400);
  });
});
