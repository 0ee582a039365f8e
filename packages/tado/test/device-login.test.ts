import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { describe, expect, it, vi } from 'vitest';
import {
  type DeviceCode,
  DeviceCodeDeniedError,
  DeviceCodeExpiredError,
  ErrorCodes,
  isTokenwiseError,
  TADO_CLIENT_ID,
  TadoLoginRequiredError,
} from '../src/index.js';
import { createWorld, rejectionOf } from './world.js';

describe('device-code login', () => {
  it('announces the link (with client_id) and the code, polls until approved, and stores the session', async () => {
    const w = createWorld();
    const store = new MemoryStore();
    const shown: DeviceCode[] = [];
    const client = w.client({ store });
    const login = client.login({
      onDeviceCode: (code) => {
        shown.push(code);
      },
    });
    // Nobody has approved yet: the poll goes on (authorization_pending).
    await vi.waitFor(() => expect(w.cloud.counts.pendingPolls).toBeGreaterThan(0));
    expect(shown).toHaveLength(1);
    const code = shown[0] as DeviceCode;
    expect(code.userCode).toMatch(/^[A-Z]{6}$/);
    const link = new URL(code.verificationUriComplete);
    expect(link.searchParams.get('client_id')).toBe(TADO_CLIENT_ID);
    expect(link.searchParams.get('user_code')).toBe(code.userCode);
    // The person opens the link in a signed-in browser: that approves it.
    expect((await w.fetch(code.verificationUriComplete)).status).toBe(200);
    await login;
    expect(w.cloud.counts.logins).toBe(1);
    expect(
      ((await store.get(client.manager.key)) as { session?: unknown } | undefined)?.session,
    ).toMatchObject({ vendor: 'tado', homeIds: [1907] });
    expect((await client.me()).homes).toEqual([{ id: 1907, name: 'Home' }]);
    await client.close();
  });

  it('a verification link without client_id is refused by the page, as tado does', async () => {
    const w = createWorld();
    const client = w.client();
    const login = client.login({
      onDeviceCode: async (code) => {
        const bare = new URL(code.verificationUri);
        bare.searchParams.set('user_code', code.userCode);
        const page = await w.fetch(bare.href);
        expect(page.status).toBe(400);
        expect(await page.json()).toMatchObject({ error_reason: 'missing_client_id' });
        w.cloud.approve(code.userCode);
      },
    });
    await login;
    await client.close();
  });

  it('with no person at hand a needed login fails at once with TadoLoginRequiredError, sending nothing', async () => {
    const w = createWorld();
    const client = w.client();
    const error = await rejectionOf(client.zones(1907));
    expect(error).toBeInstanceOf(TadoLoginRequiredError);
    expect(isTokenwiseError(error, ErrorCodes.TokenExpiredError)).toBe(true);
    expect((error as Error).message).toContain('tokenwise login tado');
    expect(w.cloud.counts.deviceAuthorizations).toBe(0);
    await client.close();
  });

  it('expired_token ends the login with DeviceCodeExpiredError', async () => {
    const w = createWorld({ deviceCodeTtlMs: 1_000 });
    const client = w.client();
    const error = await rejectionOf(
      client.login({
        onDeviceCode: () => {
          // The person is too slow: the code expires at the server before approval.
          w.clock.advance(2_000);
        },
      }),
    );
    expect(error).toBeInstanceOf(DeviceCodeExpiredError);
    await client.close();
  });

  it('expires_in passing on our clock ends the polling too, without asking again', async () => {
    const w = createWorld();
    const client = w.client();
    let polls = 0;
    const error = await rejectionOf(
      client.login({
        onDeviceCode: (code) => {
          w.clock.set(code.expiresAt);
          polls = w.cloud.counts.pendingPolls;
        },
      }),
    );
    expect(error).toBeInstanceOf(DeviceCodeExpiredError);
    expect(w.cloud.counts.pendingPolls).toBe(polls);
    await client.close();
  });

  it('access_denied ends the login with DeviceCodeDeniedError (an InvalidCredentialsError)', async () => {
    const w = createWorld();
    const client = w.client();
    const error = await rejectionOf(
      client.login({ onDeviceCode: (code) => void w.cloud.deny(code.userCode) }),
    );
    expect(error).toBeInstanceOf(DeviceCodeDeniedError);
    expect(isTokenwiseError(error, ErrorCodes.InvalidCredentialsError)).toBe(true);
    await client.close();
  });

  it('a login the caller abandons answers AbortError at once', async () => {
    const w = createWorld({ interval: 1 });
    const client = w.client();
    const controller = new AbortController();
    const error = await rejectionOf(
      client.login({
        signal: controller.signal,
        onDeviceCode: (code) => {
          controller.abort();
          // The shared poll ends when the person refuses the code.
          w.cloud.deny(code.userCode);
        },
      }),
    );
    expect(isTokenwiseError(error, ErrorCodes.AbortError)).toBe(true);
    await client.close();
  });

  it('a 429 on the device authorization is a RateLimitError, not an auth failure', async () => {
    const w = createWorld();
    w.cloud.rateLimitNextLogin(60_000);
    const client = w.approvingClient();
    const error = await rejectionOf(client.login());
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    await client.close();
  });
});
