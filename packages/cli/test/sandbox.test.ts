import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  finished,
  makeSandbox,
  runCli,
  type Sandbox,
  startCli,
  waitFor,
} from './helpers/cli-process.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await makeSandbox();
});

afterAll(async () => {
  await sandbox.cleanup();
});

describe('tokenwise sandbox', () => {
  it('serves every vendor on 127.0.0.1, prints URLs, accounts and Cozify codes, and stops on SIGINT', async () => {
    const child = startCli(['sandbox', '--port', '0'], sandbox.env);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    const done = finished(child, 60_000);
    try {
      await waitFor(
        () => (out.includes('Ready. Press Ctrl-C to stop.') ? true : undefined),
        'the sandbox banner',
        // Six mock clouds start in one process: slow on a loaded machine.
        60_000,
      );
      const urls = Object.fromEntries(
        [...out.matchAll(/^ {2}export (TOKENWISE_[A-Z0-9_]+_URL)=(http:\/\/127\.0\.0\.1:\d+\S*)$/gm)].map(
          (m) => [m[1], m[2]],
        ),
      );
      expect(Object.keys(urls).sort()).toEqual([
        'TOKENWISE_COZIFY_URL',
        'TOKENWISE_EVOHOME_URL',
        'TOKENWISE_EVRIM_URL',
        'TOKENWISE_NAVIEN_URL',
        'TOKENWISE_TADO_URL',
        'TOKENWISE_VESYNC_EU_URL',
        'TOKENWISE_VESYNC_URL',
      ]);
      expect(out).toContain('\n    demo@example.com / demo-password\n');
      // Every vendor's section names its demo accounts.
      const sections = out.split('\n\n').filter((part) => /^\S+ +http:\/\/127\.0\.0\.1:\d+/.test(part));
      expect(sections.map((part) => part.split(' ')[0])).toEqual([
        'evohome',
        'Evrim',
        'VeSync',
        'Navien',
        'Cozify',
        'tado°',
      ]);
      for (const part of sections) expect(part).toMatch(/\n {2}demo accounts:\n {4}\S+@?\S* /);

      // --print-env: every variable at once, for eval in a shell and for .env files.
      const printed = await runCli(['sandbox', '--print-env'], sandbox.env);
      expect(printed).toMatchObject({ code: 0, stderr: '' });
      const exported = printed.stdout.trimEnd().split('\n');
      for (const line of exported) expect(line).toMatch(/^export TOKENWISE_[A-Z0-9_]+=\S+$/);
      expect(Object.fromEntries(exported.map((line) => line.slice('export '.length).split('=')))).toEqual({
        ...urls,
        TOKENWISE_COZIFY_HUB_PORT: /TOKENWISE_COZIFY_HUB_PORT=(\d+)/.exec(out)?.[1],
      });
      // A real shell: eval "$(tokenwise sandbox --print-env)", then a client reads the variables.
      const shell = await promisify(execFile)(
        '/bin/sh',
        ['-c', `eval "$('${process.execPath}' '${BIN}' sandbox --print-env)" && env`],
        { env: sandbox.env },
      );
      for (const [name, value] of Object.entries(urls))
        expect(shell.stdout).toContain(`\n${name}=${value}\n`);
      const sandboxEnvFile = join(sandbox.dir, 'sandbox.env');
      expect(existsSync(sandboxEnvFile)).toBe(true);
      expect(out).toMatch(/^ {2}export TOKENWISE_COZIFY_HUB_PORT=\d+$/m);
      const env = { ...sandbox.env, ...urls };

      // Any client pointed at the sandbox by its environment variable works: here, the CLI's own.
      const vesync = await runCli(
        ['login', 'vesync', '-u', 'demo@example.com', '--password-stdin'],
        env,
        'demo-password\n',
      );
      expect(vesync).toMatchObject({ code: 0, stderr: '' });
      // An account living on the EU host logs in too: the sandbox serves each region on its own path.
      const euVesync = await runCli(
        ['login', 'vesync', '-u', 'eu-demo@example.com', '--password-stdin', '--country', 'FR'],
        env,
        'eu-demo-password\n',
      );
      expect(euVesync).toMatchObject({ code: 0, stderr: '' });

      // Cozify: the sandbox prints the code it "e-mails"; a script copies it to the login's stdin.
      const hubPort = /--hub-port (\d+)/.exec(out)?.[1] ?? '';
      const login = startCli(
        ['login', 'cozify', '-u', 'demo@example.com', '--otp-stdin', '--hub-port', hubPort],
        env,
      );
      const loggedIn = finished(login);
      const code = await waitFor(
        () => /^\[mail\] Cozify e-mailed demo@example\.com the code (\S+)$/m.exec(out)?.[1],
        'the code',
      );
      login.stdin.end(`${code}\n`);
      expect((await loggedIn).code).toBe(0);

      const status = JSON.parse((await runCli(['status', '--json'], env)).stdout) as {
        sessions: Array<{ vendor: string }>;
      };
      expect(status.sessions.map((s) => s.vendor)).toEqual(expect.arrayContaining(['cozify', 'vesync']));
    } finally {
      child.kill('SIGINT');
    }
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sandbox stopped.');
    // Stopped: its variables are gone, so an eval cannot pick up dead URLs.
    expect(existsSync(join(sandbox.dir, 'sandbox.env'))).toBe(false);
    const after = await runCli(['sandbox', '--print-env'], sandbox.env);
    expect(after).toMatchObject({ code: 1, stdout: '' });
    expect(after.stderr).toBe(
      'tokenwise: No sandbox is running: start one with `tokenwise sandbox` in another terminal\n',
    );
  });

  it('--print-env refuses a file left by a sandbox that was killed', async () => {
    const { writeFile } = await import('node:fs/promises');
    // A pid far above any pid_max: no such process.
    await writeFile(
      join(sandbox.dir, 'sandbox.env'),
      '# tokenwise sandbox, pid 99999999; deleted when it stops\nTOKENWISE_EVRIM_URL=http://127.0.0.1:9\n',
    );
    const result = await runCli(['sandbox', '--print-env'], sandbox.env);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(
      /^tokenwise: No sandbox is running \(.*sandbox\.env was left by process 99999999/,
    );
  });

  it('rejects a bad --port as a usage error', async () => {
    const result = await runCli(['sandbox', '--port', 'eighty'], sandbox.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokenwise: --port must be/);
  });
});
