import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, makeSandbox, runCli, type Sandbox, startCli, waitFor } from './helpers/cli-process.js';

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
      expect(out).toContain('account demo@example.com / demo-password');
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
  });

  it('rejects a bad --port as a usage error', async () => {
    const result = await runCli(['sandbox', '--port', 'eighty'], sandbox.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tokenwise: --port must be/);
  });
});
