import { inspect } from 'node:util';
import { ErrorCodes, isTokenwiseError, MemoryStore } from '@tokenwise/auth-core/vendor';
import { describe, expect, it } from 'vitest';
import { Cozify } from '../src/index.js';
import { CLOUD_URL, EMAIL, mockWorld, rejectionOf } from './helpers.js';

const DAY = 86_400_000;

describe('e-mail OTP login', () => {
  it('first run: requests one code, asks the provider, stores the cloud token and hub keys', async () => {
    const { cloud, client } = mockWorld({ sameNat: false });
    const asked: string[] = [];
    const cozify = client(new MemoryStore(), {
      otp: async ({ email }) => {
        asked.push(email);
        return cloud.lastOtp(email) ?? '';
      },
    });
    await expect(cozify.authenticate()).resolves.toBe(true);
    expect(asked).toEqual([EMAIL]);
    expect(cloud.outbox).toHaveLength(1);
    expect(cloud.counts.logins).toBe(1);
    const hubs = await cozify.hubs();
    expect(hubs).toEqual([
      expect.objectContaining({ name: 'HubbyMcHubFace', remote: false, autoremote: true, isDefault: true }),
    ]);
    expect(await cozify.token()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('second run on the same store is fully non-interactive: zero OTP requests', async () => {
    const { cloud, client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    await client(store).authenticate();
    const second = client(store, { otp: async () => expect.unreachable('no OTP on the second run') });
    await expect(second.authenticate()).resolves.toBe(true);
    expect(cloud.counts.otpRequests).toBe(1);
    expect(cloud.counts.logins).toBe(1);
  });

  it('token(newToken, { commit: false }) uses a token in this instance only; the default stores it', async () => {
    const { client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    const source = client(new MemoryStore());
    await source.authenticate();
    const token = (await source.token()) ?? 'missing';
    const local = client(store);
    await local.token(token, { commit: false });
    expect(await local.token()).toBe(token);
    expect(await client(store).token()).toBeUndefined();
    await local.token(token);
    expect(await client(store).token()).toBe(token);
  });

  it('token(newToken) refuses an already expired token instead of replacing the working one', async () => {
    const { client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    const cozify = client(store);
    await cozify.authenticate();
    const working = await cozify.token();
    const claims = Buffer.from(JSON.stringify({ iat: 1_700_000_000, exp: 1_700_000_600 })).toString(
      'base64url',
    );
    const expired = `${Buffer.from('{}').toString('base64url')}.${claims}.sig`;
    const error = await rejectionOf(cozify.token(expired));
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
    expect((error as Error).message).not.toContain(expired);
    expect(await client(store).token()).toBe(working);
    expect(await cozify.token()).toBe(working);
  });

  it('the e-mail is remembered by the store: a later client needs no `email` option', async () => {
    const { cloud, fetch, otp } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    await new Cozify({ email: EMAIL, store, fetch, otp, baseUrl: CLOUD_URL }).authenticate();
    const later = new Cozify({ store, fetch, baseUrl: CLOUD_URL });
    expect(await later.email()).toBe(EMAIL);
    await expect(later.authenticate()).resolves.toBe(true);
    expect(cloud.counts.otpRequests).toBe(1);
  });

  it('without a provider and without a terminal: OtpRequiredError saying how, and no e-mail sent', async () => {
    const { cloud, fetch } = mockWorld();
    const cozify = new Cozify({ email: EMAIL, fetch, baseUrl: CLOUD_URL });
    const error = await rejectionOf(cozify.authenticate());
    expect(isTokenwiseError(error, ErrorCodes.OtpRequiredError)).toBe(true);
    expect((error as Error).message).toContain('`otp`');
    expect(cloud.outbox).toHaveLength(0);
  });

  it('an expired cloud token means a new OTP login: OtpRequiredError without a provider', async () => {
    const { cloud, clock, client, fetch } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    await client(store).authenticate();
    clock.advance(29 * DAY);
    const unattended = new Cozify({ email: EMAIL, store, fetch, baseUrl: CLOUD_URL, clock });
    expect(await unattended.refresh()).toBe(false);
    expect(await unattended.ping()).toBe(false);
    const error = await rejectionOf(unattended.authenticate());
    expect(isTokenwiseError(error, ErrorCodes.OtpRequiredError)).toBe(true);
    expect(cloud.counts.refreshes).toBe(0);
    expect(cloud.outbox).toHaveLength(1);
  });

  it('no token or key shows in util.inspect or JSON of the client and its hub', async () => {
    const { client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    await cozify.authenticate();
    const hub = await cozify.hub();
    const token = (await cozify.token()) ?? 'missing';
    const rendered = [inspect(cozify, { depth: 6 }), inspect(hub, { depth: 6 }), JSON.stringify(cozify)].join(
      '\n',
    );
    expect(rendered).not.toContain(token);
    expect(rendered).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  it('a wrong code is InvalidCredentialsError; the code never appears in the error', async () => {
    const { client } = mockWorld();
    const cozify = client(new MemoryStore(), { otp: async () => '999999-canary' });
    const error = await rejectionOf(cozify.authenticate());
    expect(isTokenwiseError(error, ErrorCodes.InvalidCredentialsError)).toBe(true);
    expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain('999999-canary');
  });

  it('a requestlogin 200 whose body is not JSON still goes on to the code (the e-mail was sent)', async () => {
    const { cloud, fetch, otp } = mockWorld({ sameNat: false });
    const textReply: typeof globalThis.fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      return url.includes('/user/requestlogin') ? new Response('OK', { status: response.status }) : response;
    };
    const cozify = new Cozify({
      email: EMAIL,
      store: new MemoryStore(),
      fetch: textReply,
      otp,
      baseUrl: CLOUD_URL,
    });
    await expect(cozify.authenticate()).resolves.toBe(true);
    expect(cloud.counts.logins).toBe(1);
  });

  it('codes are single use and expire', async () => {
    const { cloud, clock } = mockWorld();
    const login = (code: string) =>
      cloud.handler(
        new Request(`${CLOUD_URL}/user/emaillogin`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email: EMAIL, password: code }),
        }),
      );
    const request = () =>
      cloud.handler(new Request(`${CLOUD_URL}/user/requestlogin?email=${EMAIL}`, { method: 'POST' }));
    await request();
    const first = cloud.lastOtp(EMAIL) ?? '';
    expect((await login(first)).status).toBe(200);
    expect((await login(first)).status).toBe(401);
    await request();
    clock.advance(cloud.otpTtlMs + 1);
    expect((await login(cloud.lastOtp(EMAIL) ?? '')).status).toBe(401);
  });

  it('trustCloud: false forces a new OTP login even with a valid token', async () => {
    const { cloud, client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    const cozify = client(store);
    await cozify.authenticate();
    const before = await cozify.token();
    await cozify.authenticate({ trustCloud: false });
    expect(cloud.counts.logins).toBe(2);
    expect(await cozify.token()).not.toBe(before);
  });

  it('trustCloud: false on a new client replaces the stored token once, and only after the login worked', async () => {
    const { cloud, client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    await client(store).authenticate();
    const stored = await client(store).token();
    // A wrong code: the stored token stays in place and in use.
    const failing = client(store, { otp: async () => '000000-wrong' });
    await expect(failing.authenticate({ trustCloud: false })).rejects.toMatchObject({
      code: ErrorCodes.InvalidCredentialsError,
    });
    expect(await client(store).token()).toBe(stored);
    await client(store).authenticate({ trustCloud: false });
    expect(cloud.counts.logins).toBe(2);
    expect(await client(store).token()).not.toBe(stored);
  });

  it('bad options are ConfigurationErrors naming the option', () => {
    expect(() => new Cozify({ email: 'not-an-address' })).toThrow(/`email`/);
    expect(() => new Cozify({ baseUrl: 'ftp://x' })).toThrow(/`baseUrl`/);
    expect(() => new Cozify({ hubPort: 0 })).toThrow(/`hubPort`/);
    expect(() => new Cozify({ tokenExpiryMs: -1 })).toThrow(/`tokenExpiryMs`/);
    expect(() => new Cozify({ store: {} as never })).toThrow(/`store`/);
    expect(() => new Cozify({ autorefresh: 'yes' as never })).toThrow(/`autorefresh`/);
  });

  it('bad method options are ConfigurationErrors, never TypeErrors', async () => {
    const { client } = mockWorld({ sameNat: false });
    const cozify = client(new MemoryStore());
    const isConfig = (error: unknown) => isTokenwiseError(error, ErrorCodes.ConfigurationError);
    expect(isConfig(await rejectionOf(cozify.refresh(null as never)))).toBe(true);
    expect(isConfig(await rejectionOf(cozify.ping('x' as never)))).toBe(true);
    expect(isConfig(await rejectionOf(cozify.token('a.b.c', null as never)))).toBe(true);
    expect(isConfig(await rejectionOf(cozify.token(42 as never)))).toBe(true);
    expect(isConfig(await rejectionOf(cozify.hubSessionManager('' as never)))).toBe(true);
    expect(isConfig(await rejectionOf(cozify.authenticate({ trustCloud: 'no' as never })))).toBe(true);
    expect(isConfig(await rejectionOf(cozify.refresh({ expiryMs: Number.NaN })))).toBe(true);
    expect(isConfig(await rejectionOf(cozify.discoverHubs([] as never)))).toBe(true);
  });

  it('resetState forgets the cloud token but keeps the hubs', async () => {
    const { client } = mockWorld({ sameNat: false });
    const store = new MemoryStore();
    const cozify = client(store);
    await cozify.authenticate();
    await cozify.resetState();
    expect(await cozify.token()).toBeUndefined();
    expect(await cozify.hubs()).toHaveLength(1);
  });
});
