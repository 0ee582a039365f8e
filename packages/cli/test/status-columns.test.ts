import { existsSync } from 'node:fs';
import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { EvrimCloud } from '@tokenwise/evrim/mock';
import { VeSyncCloud } from '@tokenwise/vesync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox, storedSecrets } from './helpers/cli-process.js';
import { SCRIPT, Terminal } from './helpers/terminal.js';

let sandbox: Sandbox;
const servers: LoopbackServer[] = [];
// Access tokens of 30 s: expired by the CLI's measure (a minute of margin) at once, while the
// refresh token (simplejwt's default, one day) still renews them without a password.
const evrim = new EvrimCloud({ accessTtlMs: 30_000 });
const otherEvrim = new EvrimCloud();
const vesync = new VeSyncCloud();
let evrimUrl = '';
let otherEvrimUrl = '';
let vesyncUrl = '';

interface StatusJson {
  store: string;
  sessions: Array<Record<string, unknown> & { vendor: string; account: string }>;
}

const status = async (): Promise<StatusJson> => {
  const result = await runCli(['status', '--json'], sandbox.env);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as StatusJson;
};
const entry = (json: StatusJson, vendor: string) => json.sessions.find((s) => s.vendor === vendor);
const ms = (iso: unknown) => Date.parse(String(iso));
// biome-ignore lint/suspicious/noControlCharactersInRegex: an ANSI escape is what is looked for
const ANSI = /\u001b\[\d+m/;

beforeAll(async () => {
  sandbox = await makeSandbox();
  for (const cloud of [evrim, otherEvrim, vesync]) servers.push(await startLoopbackServer(cloud.handler));
  [evrimUrl, otherEvrimUrl, vesyncUrl] = servers.map((s) => s.url) as [string, string, string];
  const evrimLogin = await runCli(
    ['login', 'evrim', '-u', 'demo', '--password-stdin', '--url', evrimUrl],
    sandbox.env,
    'demo-password\n',
  );
  expect(evrimLogin).toMatchObject({ code: 0, stderr: '' });
  const vesyncLogin = await runCli(
    ['login', 'vesync', '-u', 'demo@example.com', '--password-stdin', '--country', 'US', '--url', vesyncUrl],
    sandbox.env,
    'demo-password\n',
  );
  expect(vesyncLogin).toMatchObject({ code: 0, stderr: '' });
  // After the login: the host it used and where the session is, each on its own line.
  expect(vesyncLogin.stdout.split('\n').slice(1)).toEqual([
    `Host: ${vesyncUrl} (local sandbox on this machine)`,
    `Session stored in ${sandbox.storePath}`,
    '',
  ]);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await sandbox.cleanup();
});

describe('tokenwise status: how long a session keeps itself alive', () => {
  it('--json: host, renewable until from the refresh token, access expiry, last renewal', async () => {
    const before = Date.now();
    const json = await status();
    const e = entry(json, 'evrim');
    expect(e).toMatchObject({
      account: 'demo',
      host: evrimUrl,
      hostKind: 'sandbox',
      renewsBy: 'refresh',
      rateLimitedUntil: null,
      quota: null,
    });
    // One day from the login (evrim.md §5), not the 30-second access token.
    expect(ms(e?.renewableUntil) - before).toBeGreaterThan(86_400_000 - 120_000);
    expect(e?.needsLoginAt).toBe(e?.renewableUntil);
    expect(ms(e?.accessExpiresAt) - before).toBeLessThan(31_000);
    expect(ms(e?.lastRenewalAt)).toBeLessThanOrEqual(before);

    const v = entry(json, 'vesync');
    // No refresh: a login is due when the 30-day token expires.
    expect(v).toMatchObject({
      host: vesyncUrl,
      hostKind: 'sandbox',
      renewsBy: 'login',
      renewableUntil: null,
    });
    expect(v?.needsLoginAt).toBe(v?.accessExpiresAt);
    expect(ms(v?.needsLoginAt) - before).toBeGreaterThan(29 * 86_400_000);
  });

  it('the table: every column, the renewal notes, no secret, no colour in a pipe', async () => {
    const result = await runCli(['status'], sandbox.env);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^vendor +account +host +renewable until +access expires +last renewal +back-off \/ quota$/,
    );
    expect(result.stdout).toMatch(
      /^evrim +demo +127\.0\.0\.1:\d+ \(sandbox\) +in 23h 59m +(in \d+s|expired \d+s ago) +\d+s ago +-$/m,
    );
    expect(result.stdout).toMatch(
      /^vesync +demo@example\.com +127\.0\.0\.1:\d+ \(sandbox\) +needs login at \d{4}-\d\d-\d\d \d\d:\d\d UTC +in 29d 23h +\d+s ago +-$/m,
    );
    expect(result.stdout).toContain('  evrim: refresh token, 1 day from the login\n');
    expect(result.stdout).toContain('  vesync: no refresh: a token lasts 30 days\n');
    expect(result.stdout).not.toMatch(ANSI);
    for (const secret of [...storedSecrets(await sandbox.storedJson()), 'demo-password']) {
      expect(result.stdout).not.toContain(secret);
    }
  });

  it('colour: FORCE_COLOR turns it on in a pipe, NO_COLOR off', async () => {
    const forced = await runCli(['status'], { ...sandbox.env, FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(ANSI);
    // Styled text is padded outside the escapes: the columns still line up.
    const plain = forced.stdout.replace(new RegExp(ANSI.source, 'g'), '').split('\n');
    const uncoloured = (await runCli(['status'], sandbox.env)).stdout.split('\n');
    expect(plain.slice(0, 2)).toEqual(uncoloured.slice(0, 2));
    expect(plain.map((line) => line.length)).toEqual(uncoloured.map((line) => line.length));
    const off = await runCli(['status'], { ...sandbox.env, FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(off.stdout).not.toMatch(ANSI);
  });

  it.runIf(existsSync(SCRIPT))('colour on a terminal, none with NO_COLOR', async () => {
    for (const [env, coloured] of [
      [sandbox.env, true],
      [{ ...sandbox.env, NO_COLOR: '1' }, false],
    ] as const) {
      const terminal = new Terminal(['status'], env);
      try {
        expect(await terminal.exited()).toBe(0);
      } finally {
        terminal.kill();
      }
      expect(terminal.screen).toMatch(/^evrim +demo +127\.0\.0\.1/m);
      expect(ANSI.test(terminal.raw)).toBe(coloured);
    }
  });
});

describe('tokenwise login with a stored session', () => {
  it('renews a session whose access token expired with its refresh token, asking nothing secret', async () => {
    // The sandbox's access tokens last 30 s on the real clock: wait until this one has expired
    // (the earlier tests may or may not have taken that long).
    const accessExpiresAt = ms(entry(await status(), 'evrim')?.accessExpiresAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, accessExpiresAt - Date.now() + 100)));
    // No --password-stdin, no TOKENWISE_PASSWORD: a password is not needed and not asked for.
    const result = await runCli(['login', 'evrim', '-u', 'demo', '--url', evrimUrl], sandbox.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'A stored session for demo can still renew itself (refresh token, 1 day from the login); reusing it\n',
    );
    expect(result.stdout).toMatch(
      /^Renewed the stored Evrim session of demo without a password \(expires in \d+s\)\n/,
    );
    expect(result.stdout).toContain(`Host: ${evrimUrl} (local sandbox on this machine)\n`);
    expect(evrim.counts.logins).toBe(1);
    expect(evrim.counts.refreshes).toBe(1);
  }, 90_000);

  it('a failed login at another host keeps the session stored for the first one', async () => {
    const before = entry(await status(), 'evrim');
    const result = await runCli(
      ['login', 'evrim', '-u', 'demo', '--password-stdin', '--url', otherEvrimUrl],
      sandbox.env,
      'wrong-password\n',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The session logged in at ${evrimUrl} is kept`);
    const after = entry(await status(), 'evrim');
    expect(after?.host).toBe(evrimUrl);
    expect(after?.accessExpiresAt).toBe(before?.accessExpiresAt);
  });

  it('a session stored for another host is not reused: it is replaced by a login there', async () => {
    const result = await runCli(
      ['login', 'evrim', '-u', 'demo', '--password-stdin', '--url', otherEvrimUrl],
      sandbox.env,
      'demo-password\n',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `The stored session for demo was logged in at ${evrimUrl} (local sandbox on this machine), not ${otherEvrimUrl}: logging in again (it is replaced only if this login succeeds)\n`,
    );
    expect(result.stdout).toMatch(/^Logged in to Evrim as demo, expires in 4m/);
    expect(otherEvrim.counts.logins).toBe(1);
    expect(entry(await status(), 'evrim')?.host).toBe(otherEvrimUrl);
  });

  it('logout forgets the recorded host with the session', async () => {
    expect((await runCli(['logout', '--all'], sandbox.env)).code).toBe(0);
    const stored = (await sandbox.storedJson()) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries)).toEqual([]);
  });
});
