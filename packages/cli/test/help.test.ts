import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, runCli, type Sandbox } from './helpers/cli-process.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await makeSandbox();
});

afterAll(async () => {
  await sandbox.cleanup();
});

/** The options each command's help must list: every flag its parser accepts. */
const OPTIONS: Record<string, readonly string[]> = {
  login: ['--username', '--password-stdin', '--otp-stdin', '--country', '--url', '--hub-port', '--store'],
  status: ['--json', '--store'],
  logout: ['--all', '--store'],
  reset: ['--all', '--store'],
  sandbox: ['--port', '--print-env'],
};

describe('per-command help', () => {
  it.each(Object.entries(OPTIONS))(
    'tokenwise %s --help: usage, every option, environment, exit codes, examples',
    async (command, options) => {
      const viaFlag = await runCli([command, '--help'], sandbox.env);
      expect(viaFlag).toMatchObject({ code: 0, stderr: '' });
      const text = viaFlag.stdout;
      expect(text).toMatch(new RegExp(`^tokenwise ${command}: `));
      expect(text).toContain(`Usage: tokenwise ${command}`);
      for (const option of options) expect(text).toMatch(new RegExp(`^ {2}(-\\w, )?${option}\\b`, 'm'));
      expect(text).toContain('Environment:');
      expect(text).toMatch(/Exit codes:\n {2}0 +done\n {2}1 .*\n {2}2 .*\n {2}130 /);
      const examples = text.slice(text.indexOf('Examples:'));
      expect(
        examples.match(new RegExp(`^ {2}(printf .*\\| )?tokenwise ${command}|^ {2}eval`, 'gm'))?.length,
      ).toBeGreaterThanOrEqual(2);
      // `tokenwise help <command>` prints the same.
      expect((await runCli(['help', command], sandbox.env)).stdout).toBe(text);
    },
  );

  it('login help names the environment variables it reads', async () => {
    const { stdout } = await runCli(['login', '-h'], sandbox.env);
    for (const name of [
      'TOKENWISE_USERNAME',
      'TOKENWISE_PASSWORD',
      'TOKENWISE_VESYNC_COUNTRY',
      'TOKENWISE_STORE_PATH',
    ])
      expect(stdout).toContain(name);
  });
});

describe('did you mean', () => {
  it.each([
    [['stauts'], "unknown command 'stauts'; did you mean 'status'?", 'tokenwise <login|status'],
    [['help', 'sandbx'], "unknown command 'sandbx'; did you mean 'sandbox'?", 'tokenwise help'],
    [
      ['login', 'vesyn'],
      "unknown vendor 'vesyn' (known: evohome, evrim, vesync, navien, cozify, tado); did you mean 'vesync'?",
      'tokenwise login <vendor>',
    ],
    [['logout', 'evohom'], "unknown vendor 'evohom'; did you mean 'evohome'?", 'tokenwise logout'],
    [
      ['login', 'vesync', '--usrname', 'me'],
      "unknown option '--usrname'; did you mean '--username'?",
      'tokenwise login',
    ],
    [['status', '--jsno'], "unknown option '--jsno'; did you mean '--json'?", 'tokenwise status'],
    [
      ['sandbox', '--print-nev'],
      "unknown option '--print-nev'; did you mean '--print-env'?",
      'tokenwise sandbox',
    ],
  ])('tokenwise %j suggests the closest name and exits 2', async (args, message, usage) => {
    const result = await runCli(args, sandbox.env);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    const [first, second, third] = result.stderr.split('\n');
    expect(first).toBe(`tokenwise: ${message}`);
    expect(second).toContain(`Usage: ${usage}`);
    expect(third).toMatch(/^Run 'tokenwise (\w+ --help|help)' for every option, with examples\.$/);
  });

  it('suggests nothing for a name far from every known one', async () => {
    const result = await runCli(['deploy'], sandbox.env);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("tokenwise: unknown command 'deploy'");
  });

  it('does not echo a value typed after a misspelt option', async () => {
    const result = await runCli(['login', 'vesync', '--passwrd=hunter2-secret'], sandbox.env);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('hunter2-secret');
  });
});

describe('--version', () => {
  it.each([['--version'], ['-v']])('tokenwise %s prints the version only', async (flag) => {
    const result = await runCli([flag], sandbox.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });
});
