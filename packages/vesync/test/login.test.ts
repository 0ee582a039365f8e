import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore, SessionManager, toSecret } from '@tokenwise/auth-core/vendor';
import { afterEach, describe, expect, it } from 'vitest';
import { createVeSyncErrorMapper } from '../src/errors.js';
import {
  createVeSyncStrategy,
  DEFAULT_BASE_URL,
  ErrorCodes,
  isTokenwiseError,
  TerminalIdentity,
} from '../src/index.js';
import { DEMO, md5, setupCloud } from './helpers.js';

describe('VeSync.login', () => {
  let env = setupCloud();
  const dirs: string[] = [];
  afterEach(async () => {
    await env.closeAll();
    env = setupCloud();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('logs in with the two steps and resolves true', async () => {
    const vesync = env.client();
    expect(await vesync.login()).toBe(true);
    expect(vesync.lastError).toBeUndefined();
    expect(vesync.accountId).toBe('1184512');
    expect(vesync.region).toBe('US');
    expect(env.cloud.counts.logins).toBe(1);
  });

  it('does not log in again while the session is valid, in this or another instance on the store', async () => {
    const store = new MemoryStore();
    await env.client({ store }).login();
    await env.client({ store }).login();
    await env.client({ store }).getDevices();
    expect(env.cloud.counts.logins).toBe(1);
  });

  it('resolves false with InvalidCredentialsError in lastError for a wrong password or unknown e-mail', async () => {
    const wrong = env.client({ password: 'not-it' });
    expect(await wrong.login()).toBe(false);
    expect(wrong.lastError?.code).toBe(ErrorCodes.InvalidCredentialsError);
    expect(wrong.lastError?.message).toContain('-11201129');
    expect(wrong.lastError?.message).not.toContain('not-it');

    const nobody = env.client({ username: 'nobody@example.com' });
    expect(await nobody.login()).toBe(false);
    expect(nobody.lastError?.message).toContain('-11202129');
    expect(env.cloud.counts.logins).toBe(0);
  });

  it('redacts the password and its MD5 when a login error message echoes the request', async () => {
    const echo: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.endsWith('authByPWDOrOTM')) return env.fetch(request);
      return Response.json({ code: -11102086, msg: `internal error: ${await request.text()}` });
    };
    const vesync = env.client({ fetch: echo });
    const error = await vesync.login().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.ApiError)).toBe(true);
    expect((error as Error).message).toContain('internal error');
    expect((error as Error).message).not.toContain(md5('demo-password'));
    expect((error as Error).message).not.toContain('demo-password');
  });

  it('leaves no 6-character piece of the password MD5 when the echo is cut short', async () => {
    const hash = md5('demo-password');
    const echo: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.endsWith('authByPWDOrOTM')) return env.fetch(request);
      const sent = (await request.json()) as { password: string };
      // The MD5 straddles the point where the message is cut (it used to show its first 23 digits).
      return Response.json({
        code: -11102086,
        msg: `${'x'.repeat(170)} echo: ${sent.password} ${hash.toUpperCase()}`,
      });
    };
    const error = await env
      .client({ fetch: echo })
      .login()
      .catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.ApiError)).toBe(true);
    // Not util.inspect: its stack names functions such as loginWithPassword.
    const text = [String(error), JSON.stringify(error)].join('\n');
    for (const secret of [hash, hash.toUpperCase(), 'demo-password']) {
      for (let i = 0; i + 6 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 6));
    }
  });

  it('never sends a refused password again from the same client (VeSync throttles by login count)', async () => {
    const wrong = env.client({ password: 'not-it' });
    expect(await wrong.login()).toBe(false);
    expect(await wrong.login()).toBe(false);
    expect(wrong.lastError?.message).toContain('will not send that password again');
    const error = await wrong.getDevices().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.InvalidCredentialsError)).toBe(true);
    expect(env.cloud.counts.failedLogins).toBe(1);
    // A new client with the right password logs in.
    expect(await env.client().login()).toBe(true);
  });

  it('throws OtpRequiredError for a 2FA account, saying it is not supported yet', async () => {
    const vesync = env.client({ username: 'mfa@example.com', password: 'mfa-password' });
    const error = await vesync.login().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.OtpRequiredError)).toBe(true);
    expect((error as Error).message).toMatch(/two-factor.*not support/);
    expect(vesync.lastError).toBe(error);
  });

  it('throws RateLimitError on "too frequent" and shares the back-off with the next caller', async () => {
    const store = new MemoryStore();
    env.cloud.rateLimitNextLogin();
    const error = await env
      .client({ store })
      .login()
      .catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    const again = await env
      .client({ store })
      .login()
      .catch((e: unknown) => e);
    expect((again as { fromStore?: boolean }).fromStore).toBe(true);
    expect(env.cloud.counts.rateLimited).toBe(1);
  });

  it('maps the daily quota answer to RateLimitError', async () => {
    env = setupCloud({ dailyLoginQuota: 1 });
    const first = env.client();
    await first.login();
    first.manager.invalidate(await first.manager.get());
    const error = await first.login().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.RateLimitError)).toBe(true);
    expect((error as Error).message).toContain('daily');
  });

  it('follows a cross-region answer by repeating only step 2 on the named host', async () => {
    // A French account configured with the default country US: step 2 on the US host is redirected.
    const vesync = env.client({ username: 'eu-demo@example.com', password: 'eu-demo-password' });
    expect(await vesync.login()).toBe(true);
    expect(env.cloud.counts.crossRegion).toBe(1);
    expect(vesync.region).toBe('EU');
    expect(vesync.countryCode).toBe('FR');
    expect(await vesync.getDevices()).toHaveLength(2);
    expect(env.cloud.requestLog.at(-1)?.region).toBe('EU');
  });

  it('logs a German account that lives on the US host in, and remembers the region for the next login', async () => {
    const vesync = env.client({
      username: 'altkunde@example.de',
      password: 'altkunde-password',
      countryCode: 'de',
    });
    expect(await vesync.login()).toBe(true);
    expect(vesync.region).toBe('US');
    expect(vesync.countryCode).toBe('DE');
    expect(env.cloud.counts.crossRegion).toBe(1);
    env.cloud.revokeAccessTokens();
    expect(await vesync.getDevices()).toHaveLength(1);
    expect(env.cloud.counts.logins).toBe(2);
    // The second login went straight to the US host.
    expect(env.cloud.counts.crossRegion).toBe(1);
  });

  it('keeps one terminalId across 10 logins: VeSync sends one "new login" e-mail, not ten', async () => {
    const vesync = env.client();
    for (let i = 0; i < 10; i++) {
      await vesync.login();
      vesync.manager.invalidate(await vesync.manager.get());
    }
    expect(env.cloud.counts.logins).toBe(10);
    expect(env.cloud.terminalIds('demo@example.com')).toHaveLength(1);
    expect(env.cloud.counts.newLoginEmails).toBe(1);
  });

  it('reuses the stored terminalId in a new instance whose stored session has expired', async () => {
    const store = new MemoryStore();
    // Stored by another program (its own random id, not this machine's default one).
    const identity = new TerminalIdentity('US');
    const strategy = createVeSyncStrategy({
      email: DEMO.username,
      password: toSecret(DEMO.password),
      baseUrl: DEFAULT_BASE_URL,
      fetch: env.fetch,
      identity,
      mapError: createVeSyncErrorMapper(() => []),
    });
    const other = new SessionManager({ strategy, store, clock: env.clock });
    const first = await other.get();
    await other.close();
    expect(first.terminalId).toBe(identity.terminalId());
    env.clock.advance(env.cloud.tokenTtlMs + 1);
    const restarted = env.client({ store });
    await restarted.getDevices();
    expect(env.cloud.counts.logins).toBe(2);
    expect(env.cloud.counts.newLoginEmails).toBe(1);
    expect(env.cloud.terminalIds(DEMO.username)).toEqual([first.terminalId]);
    expect((await restarted.manager.get()).terminalId).toBe(first.terminalId);
  });

  it('a new instance whose stored session expired logs in straight on the region the server named', async () => {
    const store = new MemoryStore();
    const german = { username: 'altkunde@example.de', password: 'altkunde-password', countryCode: 'DE' };
    await env.client({ store, ...german }).login();
    expect(env.cloud.counts.crossRegion).toBe(1);
    env.clock.advance(env.cloud.tokenTtlMs + 1);
    const restarted = env.client({ store, ...german });
    expect(await restarted.getDevices()).toHaveLength(1);
    expect(env.cloud.counts.logins).toBe(2);
    // The expired session (core's `context.previous`) said US: no second redirect.
    expect(env.cloud.counts.crossRegion).toBe(1);
    expect(restarted.region).toBe('US');
  });

  it('saves the credentials to tokenFilePath after login (0600, pyvesync keys)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vesync-login-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'auth.json');
    const vesync = env.client();
    expect(await vesync.login({ tokenFilePath: path })).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual([
      'account_id',
      'country_code',
      'current_region',
      'region',
      'token',
    ]);
    expect(saved.token).toBe((await vesync.manager.get()).token);
  });

  it('without a password and without a session, login fails with a ConfigurationError naming the option', async () => {
    const vesync = env.client({ password: undefined });
    const error = await vesync.login().catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
    expect((error as Error).message).toContain('password');
  });
});
