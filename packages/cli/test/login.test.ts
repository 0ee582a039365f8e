import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { CozifyCloud } from '@tokenwise/cozify/mock';
import { EvohomeCloud } from '@tokenwise/evohome/mock';
import { EvrimCloud } from '@tokenwise/evrim/mock';
import { NavienCloud } from '@tokenwise/navien/mock';
import { VeSyncCloud } from '@tokenwise/vesync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  finished,
  makeSandbox,
  runCli,
  type Sandbox,
  startCli,
  storedSecrets,
  waitFor,
} from './helpers/cli-process.js';

// One store shared by the whole file, as on a user's machine: five vendors, one sessions.json.
let sandbox: Sandbox;
const servers: LoopbackServer[] = [];
const evohome = new EvohomeCloud();
const evrim = new EvrimCloud();
const vesync = new VeSyncCloud();
const navien = new NavienCloud();
const cozify = new CozifyCloud();
const urls: Record<string, string> = {};
let hubPort = 0;
const passwords = ['demo-password', 'demo-password-123'];

beforeAll(async () => {
  sandbox = await makeSandbox();
  const serve = async (handler: (request: Request) => Promise<Response>) => {
    const server = await startLoopbackServer(handler);
    servers.push(server);
    return server;
  };
  urls.evohome = (await serve(evohome.handler)).url;
  urls.evrim = (await serve(evrim.handler)).url;
  urls.vesync = (await serve(vesync.handler)).url;
  urls.navien = `${(await serve(navien.handler)).url}/api/v2.1`;
  urls.cozify = `${(await serve(cozify.handler)).url}/ui/0.2`;
  hubPort = (await serve(cozify.hub('deadbeef-aaaa-bbbb-cccc-tmphubdddddd').handler)).port;
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await sandbox.cleanup();
});

describe('tokenwise login (non-interactive, password on stdin)', () => {
  // The URL reaches the client either as --url or as the vendor's own environment variable.
  it.each([
    { vendor: 'evohome', user: 'demo@example.com', password: 'demo-password', via: 'flag', cloud: evohome },
    { vendor: 'evrim', user: 'demo', password: 'demo-password', via: 'env', cloud: evrim },
    {
      vendor: 'navien',
      user: 'demo@example.com',
      password: 'demo-password-123\r',
      via: 'flag',
      cloud: navien,
    },
  ])(
    'logs in to $vendor (URL by $via) and stores the session',
    async ({ vendor, user, password, via, cloud }) => {
      const url = urls[vendor] ?? '';
      const result = await runCli(
        ['login', vendor, '-u', user, '--password-stdin', ...(via === 'flag' ? ['--url', url] : [])],
        via === 'env' ? { ...sandbox.env, [`TOKENWISE_${vendor.toUpperCase()}_URL`]: url } : sandbox.env,
        `${password}\n`,
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout.toLowerCase()).toContain(`logged in to ${vendor} as ${user}`);
      expect(cloud.counts.logins).toBe(1);
    },
  );

  it('logs in to VeSync with a country, and a second login reuses the stored session', async () => {
    const args = ['login', 'vesync', '-u', 'demo@example.com', '--password-stdin', '--country', 'us'];
    const env = { ...sandbox.env, TOKENWISE_VESYNC_URL: urls.vesync };
    const first = await runCli(args, env, 'demo-password\n');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/Logged in to VeSync as demo@example\.com, expires in 29d/);
    const second = await runCli(args, env, 'demo-password\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Already logged in to VeSync');
    expect(vesync.counts.logins).toBe(1);
  });

  it('evohome: a valid stored session is reused without the password its client otherwise needs', async () => {
    const result = await runCli(
      ['login', 'evohome', '-u', 'demo@example.com', '--url', urls.evohome ?? ''],
      sandbox.env,
    );
    expect(result).toMatchObject({
      code: 0,
      stderr: 'A stored session for demo@example.com is still valid; reusing it\n',
    });
    expect(result.stdout).toMatch(
      /^Already logged in to evohome as demo@example\.com \(stored session reused, expires in 2\dm/,
    );
    expect(result.stdout).toContain(`Host: ${urls.evohome} (local sandbox on this machine)\n`);
    expect(evohome.counts.logins).toBe(1);
  });

  it('logs in to Cozify with the e-mailed code written to stdin once it is sent', async () => {
    const child = startCli(
      [
        'login',
        'cozify',
        '-u',
        'demo@example.com',
        '--otp-stdin',
        '--url',
        urls.cozify ?? '',
        '--hub-port',
        String(hubPort),
      ],
      sandbox.env,
    );
    const done = finished(child);
    // The code exists only after the CLI asked Cozify to send it, as with a real mailbox.
    const code = await waitFor(() => cozify.lastOtp('demo@example.com'), 'the OTP e-mail');
    child.stdin.end(`${code}\n`);
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Cozify has e-mailed a code to demo@example.com');
    expect(result.stdout).toContain('Logged in to Cozify as demo@example.com');
    expect(cozify.counts.otpRequests).toBe(1);
  });
});

describe('tokenwise status', () => {
  it('--json lists every stored session and no secret', async () => {
    const result = await runCli(['status', '--json'], sandbox.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const parsed = JSON.parse(result.stdout) as {
      store: string;
      sessions: Array<{ vendor: string; account: string }>;
    };
    expect(parsed.store).toBe(sandbox.storePath);
    expect(new Set(parsed.sessions.map((s) => s.vendor))).toEqual(
      new Set(['evohome', 'evrim', 'vesync', 'navien', 'cozify']),
    );
    const secrets = storedSecrets(await sandbox.storedJson());
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of [...secrets, ...passwords]) expect(result.stdout).not.toContain(secret);
  });

  it('prints a table without secrets', async () => {
    const result = await runCli(['status'], sandbox.env);
    expect(result.code).toBe(0);
    // The host it was logged in at, then: no refresh, so a login is due when the 30-day token expires.
    expect(result.stdout).toMatch(
      /vesync\s+demo@example\.com\s+127\.0\.0\.1:\d+ \(sandbox\)\s+needs login at \d{4}-\d\d-\d\d \d\d:\d\d UTC\s+in 29d/,
    );
    expect(result.stdout).toMatch(/^evrim\s+demo\s+127\.0\.0\.1:\d+ \(sandbox\)\s+in 23h 59m\s+in 4m/m);
    for (const secret of [...storedSecrets(await sandbox.storedJson()), ...passwords]) {
      expect(result.stdout).not.toContain(secret);
    }
  });
});

describe('tokenwise logout', () => {
  it('deletes one vendor account, then everything with --all', async () => {
    const one = await runCli(['logout', 'vesync', 'demo@example.com'], sandbox.env);
    expect(one).toMatchObject({ code: 0, stdout: 'Logged out vesync demo@example.com\n' });
    const afterOne = JSON.parse((await runCli(['status', '--json'], sandbox.env)).stdout) as {
      sessions: Array<{ vendor: string }>;
    };
    expect(afterOne.sessions.map((s) => s.vendor)).not.toContain('vesync');
    expect(afterOne.sessions.map((s) => s.vendor)).toContain('evohome');

    // evohome stores "v2:<e-mail>": the e-mail a person types still finds it.
    const evohomeOut = await runCli(['logout', 'evohome', 'demo@example.com'], sandbox.env);
    expect(evohomeOut.stdout).toContain('Logged out evohome v2:demo@example.com');

    const all = await runCli(['logout', '--all'], sandbox.env);
    expect(all.code).toBe(0);
    const afterAll = JSON.parse((await runCli(['status', '--json'], sandbox.env)).stdout) as {
      sessions: unknown[];
    };
    expect(afterAll.sessions).toEqual([]);
  });
});
