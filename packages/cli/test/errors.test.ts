import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { VeSyncCloud } from '@tokenwise/vesync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from './helpers/cli-process.js';

let sandbox: Sandbox;
let server: LoopbackServer;
const cloud = new VeSyncCloud();
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

/** stderr as lines, without the final newline. */
const lines = (text: string) => text.replace(/\n$/, '').split('\n');

describe('usage errors exit 2 with the command usage', () => {
  it.each([
    [['login', 'acme'], /unknown vendor 'acme' \(known: evohome, evrim, vesync, navien, cozify, tado\)/],
    [['login'], /login needs a vendor/],
    [['login', 'vesync', '--bogus'], /unknown option '--bogus'/],
    [['login', 'vesync', '--username'], /option '--username' needs a value/],
    [['login', 'vesync', '-u', 'demo@example.com'], /needs the password: pipe it with --password-stdin/],
    [['login', 'vesync'], /needs --username/],
    [
      ['login', 'evrim', '-u', 'demo', '--country', 'DE', '--password-stdin'],
      /--country only applies to vesync/,
    ],
    [['logout'], /logout needs a vendor \(or --all\)/],
    [['status', 'extra'], /too many arguments for 'status'/],
    [['frobnicate'], /unknown command 'frobnicate'$/],
  ])('tokenwise %j', async (args, message) => {
    const result = await runCli(args, sandbox.env);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stdout).toBe('');
    const [first, usage] = lines(result.stderr);
    expect(first).toMatch(/^tokenwise: /);
    expect(first).toMatch(message);
    expect(usage).toMatch(/^Usage: tokenwise /);
  });

  it('refuses --password without echoing it', async () => {
    const result = await runCli(
      ['login', 'vesync', '-u', 'demo@example.com', '--password', 'hunter2-secret'],
      sandbox.env,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/there is no --password option.*--password-stdin/);
    expect(result.stderr).not.toContain('hunter2-secret');
  });
});

describe('failures exit 1 with one line', () => {
  it('wrong password: one clear line, no stack, no password', async () => {
    const result = await runCli(
      ['login', 'vesync', '-u', 'demo@example.com', '--password-stdin', '--url', server.url],
      sandbox.env,
      'not-the-password\n',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('tokenwise: VeSync rejected the e-mail or password\n');
  });

  it('--verbose adds the stack of the error and its cause', async () => {
    const result = await runCli(
      ['login', 'vesync', '-u', 'demo@example.com', '--password-stdin', '--url', server.url, '--verbose'],
      sandbox.env,
      'not-the-password\n',
    );
    expect(result.code).toBe(1);
    const [first, ...rest] = lines(result.stderr);
    expect(first).toBe('tokenwise: VeSync rejected the e-mail or password');
    expect(rest.join('\n')).toMatch(/Caused by: InvalidCredentialsError/);
    expect(rest.some((line) => /^\s+at /.test(line))).toBe(true);
    expect(result.stderr).not.toContain('not-the-password');
  });

  it('a 429 on login: one line, the back-off shows in status, and the next login waits without asking', async () => {
    const store = { ...sandbox.env, TOKENWISE_STORE_PATH: `${sandbox.dir}/rate-limited.json` };
    const args = ['login', 'vesync', '-u', 'demo@example.com', '--password-stdin', '--url', server.url];
    cloud.rateLimitNextLogin();
    const first = await runCli(args, store, 'demo-password\n');
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /^tokenwise: VeSync is refusing logins for \d+[smh].*\(rate limit\)[^\n]*\n$/,
    );

    const status = JSON.parse((await runCli(['status', '--json'], store)).stdout) as {
      sessions: Array<{ vendor: string; account: string; stored: boolean; rateLimitedUntil: string | null }>;
    };
    expect(status.sessions).toEqual([
      expect.objectContaining({ vendor: 'vesync', account: 'demo@example.com', stored: false }),
    ]);
    expect(status.sessions[0]?.rateLimitedUntil).not.toBeNull();

    // The stored back-off is honoured by the next process: VeSync is not asked again.
    const seenBefore = hits;
    const second = await runCli(args, store, 'demo-password\n');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/VeSync is refusing logins/);
    expect(hits).toBe(seenBefore);
  });

  it('unreachable URL: one line naming the host', async () => {
    const result = await runCli(
      ['login', 'evrim', '-u', 'demo', '--password-stdin', '--url', 'http://127.0.0.1:9'],
      sandbox.env,
      'demo-password\n',
    );
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^tokenwise: Could not reach evrim at 127\.0\.0\.1:9/);
  });

  it('Cozify without a terminal or --otp-stdin says how to give the code, before any e-mail', async () => {
    const result = await runCli(
      ['login', 'cozify', '-u', 'demo@example.com', '--url', 'http://127.0.0.1:9/ui/0.2'],
      sandbox.env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'tokenwise: Cozify e-mails a one-time code at login: run this on a terminal, or pass --otp-stdin and write the code to stdin\n',
    );
  });
});

describe('help and version', () => {
  it('prints the overview with every command and exit code', async () => {
    const result = await runCli(['--help'], sandbox.env);
    expect(result.code).toBe(0);
    for (const command of ['login', 'status', 'logout', 'reset', 'sandbox'])
      expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    expect(result.stdout).toMatch(
      /Exit codes:\n {2}0 +done\n {2}1 +failed.*\n {2}2 +usage error.*\n {2}130 +interrupted/,
    );
  });

  it('prints the version', async () => {
    const result = await runCli(['--version'], sandbox.env);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
