import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { FileStore } from '@tokenwise/auth-core/vendor';
import { EvrimCloud } from '@tokenwise/evrim/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from './helpers/cli-process.js';

const HOUR = 3_600_000;
const HUNDRED_YEARS = 100 * 365 * 86_400_000;

let sandbox: Sandbox;
let server: LoopbackServer;
const cloud = new EvrimCloud();
/** Every request the mock received. */
let hits = 0;

beforeAll(async () => {
  sandbox = await makeSandbox();
  server = await startLoopbackServer((request) => {
    hits++;
    return cloud.handler(request);
  });
});

afterAll(async () => {
  await server.close();
  await sandbox.cleanup();
});

interface StatusJson {
  sessions: Array<{
    vendor: string;
    account: string;
    stored: boolean;
    rateLimitedUntil: string | null;
    rateLimitReason: string | null;
  }>;
}

/** A store of its own per test, written the way an older tokenwise left it. */
async function storeWith(name: string, entries: Record<string, unknown>) {
  const path = `${sandbox.dir}/${name}.json`;
  const store = new FileStore({ path });
  for (const [key, value] of Object.entries(entries)) await store.set(key, value);
  return { path, store, env: { ...sandbox.env, TOKENWISE_STORE_PATH: path } };
}

const hundredYearBackOff = () => ({
  until: Date.now() + HUNDRED_YEARS,
  reason: 'rate limited by the vendor',
});

async function status(env: NodeJS.ProcessEnv): Promise<StatusJson> {
  const result = await runCli(['status', '--json'], env);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as StatusJson;
}

describe('tokenwise status shows back-offs bounded, with why', () => {
  it('a 100-year back-off stored by an older version shows as at most one hour, not "in 36499d"', async () => {
    const { env } = await storeWith('hundred-years', {
      'throttle:vesync:demo@example.com': hundredYearBackOff(),
    });
    const before = Date.now();
    const table = await runCli(['status'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      // No host, no session (so no access expiry, no renewal): only the back-off.
      /vesync\s+demo@example\.com\s+no session\s+-\s+-\s+backing off, in (1h|59m \d+s)\n/,
    );
    expect(table.stdout).not.toMatch(/\d{3,}d/);
    expect(table.stdout).toContain(
      'Login back-offs in force (clear with `tokenwise reset <vendor> [account]`)',
    );
    expect(table.stdout).toMatch(
      /vesync demo@example\.com: until \S+ \(in (1h|59m \d+s)\): rate limited by the vendor \(stored back-off beyond the 3600 s maximum, cut to it\)/,
    );

    const [entry] = (await status(env)).sessions;
    expect(entry).toMatchObject({ vendor: 'vesync', stored: false });
    const until = Date.parse(entry?.rateLimitedUntil ?? '');
    expect(until).toBeGreaterThan(before);
    expect(until).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(entry?.rateLimitReason).toContain('cut to it');
  });

  it('a stored reason cannot drive the terminal: control characters are shown as spaces', async () => {
    const { env } = await storeWith('escape', {
      'throttle:vesync:demo@example.com': { until: Date.now() + 60_000, reason: 'x\u001b[2Jy\u0007' },
    });
    const table = await runCli(['status'], env);
    expect(table.stdout).not.toContain('\u001b');
    expect(table.stdout).toContain('x [2Jy ');
  });
});

describe('Retry-After 3153600000 on a CLI login', () => {
  it('backs off 60 s (the default), says why in status, refuses the next login without asking, and `reset` clears it', async () => {
    const { env } = await storeWith('retry-after', {});
    const args = ['login', 'evrim', '-u', 'demo', '--password-stdin', '--url', server.url];
    cloud.rateLimitNextLogin(3_153_600_000 * 1000);
    const first = await runCli(args, env, 'demo-password\n');
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /refusing logins for (1m|59s) \(rate limit\).*`tokenwise reset evrim` clears the back-off/,
    );

    const [entry] = (await status(env)).sessions;
    expect(entry).toMatchObject({ vendor: 'evrim', account: 'demo', stored: false });
    expect(Date.parse(entry?.rateLimitedUntil ?? '')).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(entry?.rateLimitReason).toBe(
      'rate limited by the vendor; its wait of 3153600000 s was ignored as implausible (over 86400 s), so the default 60 s applies',
    );

    const seen = hits;
    const refused = await runCli(args, env, 'demo-password\n');
    expect(refused.code).toBe(1);
    expect(hits).toBe(seen);

    const reset = await runCli(['reset', 'evrim'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(
      /^Cleared the login back-off of evrim demo \(it would have ended in \d+s\)\n$/,
    );
    expect((await status(env)).sessions).toEqual([]);

    const again = await runCli(args, env, 'demo-password\n');
    expect(again.code).toBe(0);
    expect(hits).toBeGreaterThan(seen);
  });
});

describe('clearing back-offs', () => {
  it('logout <vendor> <account> removes the session and its back-off; other accounts keep theirs', async () => {
    const session = (vendor: string, account: string) => ({
      schemaVersion: 1,
      session: { vendor, account, issuedAt: Date.now(), expiresAt: Date.now() + HOUR, token: 'x'.repeat(12) },
    });
    const { env, store } = await storeWith('logout-one', {
      'evohome:v2:demo@example.com': session('evohome', 'v2:demo@example.com'),
      'throttle:evohome:demo@example.com': hundredYearBackOff(),
      'throttle:evohome:other@example.com': hundredYearBackOff(),
    });
    const out = await runCli(['logout', 'evohome', 'demo@example.com'], env);
    expect(out).toMatchObject({
      code: 0,
      stdout:
        'Logged out evohome v2:demo@example.com\nCleared the login back-off of evohome demo@example.com\n',
    });
    const fresh = new FileStore({ path: store.path });
    expect(await fresh.keys()).toEqual(['throttle:evohome:other@example.com']);
  });

  it('logout --all removes every back-off too, and status then shows nothing', async () => {
    const { env } = await storeWith('logout-all', {
      'throttle:vesync:demo@example.com': hundredYearBackOff(),
      'throttle:evrim:demo': { until: Date.now() + 30_000, reason: 'rate limited by the vendor' },
    });
    const out = await runCli(['logout', '--all'], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Cleared the login back-off of vesync demo@example.com\n');
    expect(out.stdout).toContain('Cleared the login back-off of evrim demo\n');
    expect((await status(env)).sessions).toEqual([]);
    expect((await runCli(['status'], env)).stdout).toMatch(/^No sessions stored in /);
  });

  it('reset clears back-offs only: the session stays; nothing in force says so and exits 0', async () => {
    const { env, store } = await storeWith('reset-keeps', {
      'vesync:demo@example.com': {
        schemaVersion: 1,
        session: {
          vendor: 'vesync',
          account: 'demo@example.com',
          issuedAt: Date.now(),
          expiresAt: Date.now() + HOUR,
          token: 'y'.repeat(12),
        },
      },
      'throttle:vesync:demo@example.com': hundredYearBackOff(),
    });
    const out = await runCli(['reset', '--all'], env);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(
      /^Cleared the login back-off of vesync demo@example\.com \(it would have ended in (1h|59m \d+s)\)\n$/,
    );
    expect(await new FileStore({ path: store.path }).keys()).toEqual(['vesync:demo@example.com']);

    expect(await runCli(['reset', 'vesync'], env)).toMatchObject({
      code: 0,
      stdout: 'No login back-off in force for vesync\n',
    });
  });

  it.each([
    [['reset'], /reset needs a vendor \(or --all\)/],
    [['reset', 'vesync', '--all'], /reset takes either a vendor or --all, not both/],
    [['reset', '--json'], /unknown option '--json'/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const result = await runCli(args, sandbox.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: tokenwise reset <vendor> [account] | --all [--store <path>]');
  });
});
