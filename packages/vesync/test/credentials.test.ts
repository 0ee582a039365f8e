import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '@tokenwise/auth-core/vendor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isTokenwiseError, type VeSync } from '../src/index.js';
import { setupCloud } from './helpers.js';

describe('credentials: set, load, save, output', () => {
  let env = setupCloud();
  let dir: string;
  const home = process.env.HOME;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vesync-cred-'));
  });
  afterEach(async () => {
    await env.closeAll();
    env = setupCloud();
    process.env.HOME = home;
    await rm(dir, { recursive: true, force: true });
  });

  const loggedIn = async (opts: Parameters<typeof env.client>[0] = {}): Promise<VeSync> => {
    const vesync = env.client(opts);
    expect(await vesync.login()).toBe(true);
    return vesync;
  };

  it('outputs nothing before login and pyvesync-shaped credentials after', async () => {
    const vesync = env.client();
    expect(vesync.outputCredentialsDict()).toBeUndefined();
    expect(vesync.outputCredentialsJson()).toBeUndefined();
    await vesync.login();
    const dict = vesync.outputCredentialsDict();
    const session = await vesync.manager.get();
    expect(dict).toEqual({
      token: session.token,
      account_id: '1184512',
      country_code: 'US',
      region: 'US',
      current_region: 'US',
    });
    expect(JSON.parse(vesync.outputCredentialsJson() ?? '')).toEqual(dict);
  });

  it('setCredentials from a dict: checks the token once and uses it without logging in', async () => {
    const dict = (await loggedIn()).outputCredentialsDict();
    if (!dict) throw new Error('no credentials');
    const requests = env.cloud.counts.requests;
    const other = env.client();
    expect(
      await other.setCredentials({
        token: dict.token,
        accountId: dict.account_id,
        countryCode: dict.country_code,
        region: dict.region,
      }),
    ).toBe(true);
    expect(env.cloud.counts.requests).toBe(requests + 1);
    expect(await other.getDevices()).toHaveLength(3);
    expect(env.cloud.counts.logins).toBe(1);
  });

  it('setCredentials with a dead token logs in when the password is known', async () => {
    const dict = (await loggedIn()).outputCredentialsDict();
    if (!dict) throw new Error('no credentials');
    env.cloud.revokeAccessTokens();
    const other = env.client();
    const input = { token: dict.token, accountId: dict.account_id, countryCode: 'US', region: 'US' as const };
    expect(await other.setCredentials(input)).toBe(true);
    expect(other.lastError?.code).toBe(ErrorCodes.TokenExpiredError);
    expect(env.cloud.counts.logins).toBe(2);
    // The token's terminalId claim was adopted: the re-login is not a "new device".
    expect(env.cloud.counts.newLoginEmails).toBe(1);
  });

  it('loading back a saved token that VeSync has since revoked logs in once instead of serving it', async () => {
    const path = join(dir, 'auth.json');
    const vesync = env.client();
    expect(await vesync.login({ tokenFilePath: path })).toBe(true);
    const saved = (await vesync.manager.get()).token;
    env.cloud.revokeAccessTokens();
    expect(await vesync.loadCredentialsFromFile(path)).toBe(true);
    expect(vesync.lastError?.code).toBe(ErrorCodes.TokenExpiredError);
    expect(env.cloud.counts.logins).toBe(2);
    expect((await vesync.manager.get()).token).not.toBe(saved);
    const rejected = env.cloud.counts.rejectedRequests;
    expect(await vesync.getDevices()).toHaveLength(3);
    expect(env.cloud.counts.rejectedRequests).toBe(rejected);
  });

  it('a dead token without a password resolves false and never replaces the stored live session', async () => {
    const store = new MemoryStore();
    const live = await loggedIn({ store });
    const liveToken = (await live.manager.get()).token;
    const dict = live.outputCredentialsDict();
    if (!dict) throw new Error('no credentials');
    const other = env.client({ store, password: undefined });
    // Handed in after the stored session was issued, so it is checked (a stored session issued
    // no earlier than the one handed in wins unchecked: it may be another process's fresh login).
    env.clock.advance(1_000);
    const dead = {
      token: `${dict.token}x`,
      accountId: dict.account_id,
      countryCode: 'US',
      region: 'US' as const,
    };
    expect(await other.setCredentials(dead)).toBe(false);
    expect(other.lastError?.code).toBe(ErrorCodes.TokenExpiredError);
    // The live session is still what the store holds, and the client can use it.
    expect(await other.getDevices()).toHaveLength(3);
    expect((await other.manager.get()).token).toBe(liveToken);
    expect(env.cloud.counts.logins).toBe(1);

    const lonely = env.client({ store: new MemoryStore(), password: undefined });
    expect(await lonely.setCredentials(dead)).toBe(false);
    expect(lonely.lastError?.code).toBe(ErrorCodes.TokenExpiredError);
    expect(lonely.manager.peek()).toBeUndefined();
  });

  it('refuses credentials of another account instead of replacing the session held for this username', async () => {
    const store = new MemoryStore();
    const mine = await loggedIn({ store });
    const myToken = (await mine.manager.get()).token;
    const german = { username: 'altkunde@example.de', password: 'altkunde-password', countryCode: 'DE' };
    const theirs = (await loggedIn(german)).outputCredentialsDict();
    if (!theirs) throw new Error('no credentials');
    const other = env.client({ store });
    const error = await other
      .setCredentials({ token: theirs.token, accountId: theirs.account_id, countryCode: 'DE', region: 'US' })
      .catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
    expect((error as Error).message).toContain('another account');
    expect((error as Error).message).not.toContain(theirs.token);
    expect((await other.manager.get()).token).toBe(myToken);
  });

  it('redacts the token being checked when VeSync echoes it in an error message', async () => {
    const dict = (await loggedIn()).outputCredentialsDict();
    if (!dict) throw new Error('no credentials');
    const echo: typeof fetch = async (input, init) => {
      const body = String(init?.body ?? (input instanceof Request ? await input.clone().text() : ''));
      const response = await env.fetch(input, init);
      return body.includes(dict.token)
        ? Response.json({ code: -11102086, msg: `internal error for ${body}` })
        : response;
    };
    const other = env.client({ fetch: echo, password: undefined });
    const input = { token: dict.token, accountId: dict.account_id, countryCode: 'US', region: 'US' as const };
    const error = await other.setCredentials(input).catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.ApiError)).toBe(true);
    expect((error as Error).message).toContain('-11102086');
    expect((error as Error).message).not.toContain(dict.token);
  });

  it('rejects malformed credentials with a ConfigurationError naming the field, never the token', async () => {
    const vesync = env.client();
    const error = await vesync
      .setCredentials({ token: 'secret-token-value', accountId: '1', countryCode: 'Germany' })
      .catch((e: unknown) => e);
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(true);
    expect((error as Error).message).toContain('countryCode');
    expect((error as Error).message).not.toContain('country_code');
    expect((error as Error).message).not.toContain('secret-token-value');
  });

  it('loads a file pyvesync wrote (no region key) and uses it without logging in', async () => {
    const dict = (await loggedIn()).outputCredentialsDict();
    if (!dict) throw new Error('no credentials');
    const path = join(dir, 'pyvesync_auth');
    // pyvesync 3.4.1 save_credentials: compact orjson with three keys.
    await writeFile(
      path,
      JSON.stringify({ token: dict.token, account_id: dict.account_id, country_code: dict.country_code }),
    );
    const other = env.client();
    expect(await other.loadCredentialsFromFile(path)).toBe(true);
    expect(other.region).toBe('US');
    expect(await other.getDevices()).toHaveLength(3);
    expect(env.cloud.counts.logins).toBe(1);
  });

  it('a region-less file of a German account on the US host finds the right host without logging in', async () => {
    const german = { username: 'altkunde@example.de', password: 'altkunde-password', countryCode: 'DE' };
    const dict = (await loggedIn(german)).outputCredentialsDict();
    if (!dict) throw new Error('no credentials');
    const path = join(dir, 'auth.json');
    await writeFile(
      path,
      JSON.stringify({ token: dict.token, account_id: Number(dict.account_id), country_code: 'de' }),
    );
    const other = env.client(german);
    expect(await other.loadCredentialsFromFile(path)).toBe(true);
    expect(other.region).toBe('US');
    expect(env.cloud.counts.logins).toBe(1);
  });

  it('loads a file with pyvesync output_credentials_json keys (current_region)', async () => {
    const dict = (
      await loggedIn({ username: 'eu-demo@example.com', password: 'eu-demo-password' })
    ).outputCredentialsDict();
    if (!dict) throw new Error('no credentials');
    const path = join(dir, 'auth.json');
    const { region: _omit, ...rest } = dict;
    await writeFile(path, JSON.stringify(rest));
    const other = env.client({ username: 'eu-demo@example.com', password: 'eu-demo-password' });
    expect(await other.loadCredentialsFromFile(path)).toBe(true);
    expect(other.region).toBe('EU');
  });

  it('saves to ~/.vesync_auth by default (0600, atomic replace) and loads it back from there', async () => {
    process.env.HOME = dir;
    const defaultPath = join(dir, '.vesync_auth');
    await writeFile(defaultPath, '{}', { mode: 0o644 });
    await chmod(defaultPath, 0o644);
    const vesync = await loggedIn();
    expect(await vesync.saveCredentials()).toBe(defaultPath);
    expect((await stat(defaultPath)).mode & 0o777).toBe(0o600);
    const text = await readFile(defaultPath, 'utf8');
    expect(JSON.parse(text)).toEqual(vesync.outputCredentialsDict());

    const other = env.client();
    expect(await other.loadCredentialsFromFile()).toBe(true);
    expect(env.cloud.counts.logins).toBe(1);
  });

  it('reports missing and malformed files as ConfigurationError naming the path, never the token', async () => {
    const vesync = env.client();
    const missing = join(dir, 'missing.json');
    await expect(vesync.loadCredentialsFromFile(missing)).rejects.toMatchObject({
      code: ErrorCodes.ConfigurationError,
      message: expect.stringContaining(missing),
    });
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{ token: ');
    await expect(vesync.loadCredentialsFromFile(notJson)).rejects.toMatchObject({
      code: ErrorCodes.ConfigurationError,
      message: expect.stringContaining('not JSON'),
    });
    const noAccount = join(dir, 'partial.json');
    await writeFile(noAccount, JSON.stringify({ token: 'very-secret-token', country_code: 'US' }));
    const error = await vesync.loadCredentialsFromFile(noAccount).catch((e: unknown) => e);
    expect((error as Error).message).toContain('account_id');
    expect((error as Error).message).not.toContain('very-secret-token');
    expect(vesync.lastError).toBe(error);
  });

  it('refuses to save when there is no session', async () => {
    const vesync = env.client();
    await expect(vesync.saveCredentials(join(dir, 'x.json'))).rejects.toMatchObject({
      code: ErrorCodes.ConfigurationError,
    });
  });
});
