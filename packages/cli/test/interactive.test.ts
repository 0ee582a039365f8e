import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { CozifyCloud } from '@tokenwise/cozify/mock';
import { EvrimCloud } from '@tokenwise/evrim/mock';
import { VeSyncCloud } from '@tokenwise/vesync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox, waitFor } from './helpers/cli-process.js';
import { SCRIPT, Terminal } from './helpers/terminal.js';

let sandbox: Sandbox;
const servers: LoopbackServer[] = [];
const vesync = new VeSyncCloud();
const cozify = new CozifyCloud();
const evrim = new EvrimCloud();

beforeAll(async () => {
  sandbox = await makeSandbox();
  servers.push(
    await startLoopbackServer(vesync.handler),
    await startLoopbackServer(cozify.handler),
    await startLoopbackServer(evrim.handler),
  );
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await sandbox.cleanup();
});

/** Runs `tokenwise <args>` on a pty; `talk` answers its prompts; resolves to the exit code and the screen. */
async function onTerminal(
  args: readonly string[],
  talk: (terminal: Terminal) => Promise<void>,
  env: NodeJS.ProcessEnv = sandbox.env,
): Promise<{ code: number | null; screen: string }> {
  const terminal = new Terminal(args, env);
  try {
    await talk(terminal);
    return { code: await terminal.exited(), screen: terminal.screen };
  } finally {
    terminal.kill();
  }
}

describe.runIf(existsSync(SCRIPT))('tokenwise login on a terminal', () => {
  it('asks the account first, re-asks a bad e-mail and a bad country code, then the password; names the host', async () => {
    const { code, screen } = await onTerminal(
      ['login', 'vesync', '--url', servers[0]?.url ?? ''],
      async (t) => {
        await t.answer('VeSync e-mail', 'not-an-email\r');
        // Refused in place: the same prompt asks again instead of ending the login.
        await t.answer(
          'That is not an e-mail address',
          `${'\u007f'.repeat('not-an-email'.length)}demo@example.com\r`,
        );
        // Down to the last choice, "Other…" (ten countries come first).
        await t.answer('Country of the VeSync account', `${'\u001b[B'.repeat(10)}\r`);
        await t.answer('Country code (ISO 3166 alpha-2)', 'U5\r');
        await t.answer('Two letters, such as AU or SE', '\u007f\u007fUS\r');
        await t.answer('VeSync password', 'demo-password\r');
      },
    );
    expect(code).toBe(0);
    expect(screen).toContain('Logged in to VeSync as demo@example.com');
    expect(screen).toMatch(/Host: http:\/\/127\.0\.0\.1:\d+ \(local sandbox on this machine\)/);
    expect(screen).toContain(`Session stored in ${sandbox.storePath}`);
    // The password prompt is masked: the password never reaches the screen.
    expect(screen).not.toContain('demo-password');
    // The e-mail was asked before the country, the country before the password.
    expect(screen.indexOf('VeSync e-mail')).toBeLessThan(screen.indexOf('Country of the VeSync account'));
    expect(screen.indexOf('Country of the VeSync account')).toBeLessThan(screen.indexOf('VeSync password'));
    expect(vesync.counts.logins).toBe(1);
  });

  it('says it reuses a stored session that is still valid, and asks nothing secret', async () => {
    const { code, screen } = await onTerminal(
      ['login', 'vesync', '--url', servers[0]?.url ?? ''],
      async (t) => {
        await t.answer('VeSync e-mail', 'demo@example.com\r');
      },
    );
    expect(code).toBe(0);
    expect(screen).toContain('A stored session for demo@example.com is still valid; reusing it');
    expect(screen).not.toContain('VeSync password');
    expect(screen).not.toContain('Country of the VeSync account');
    expect(screen).toContain('Already logged in to VeSync as demo@example.com (stored session reused');
    expect(screen).toMatch(/Host: http:\/\/127\.0\.0\.1:\d+ \(local sandbox on this machine\)/);
    expect(vesync.counts.logins).toBe(1);
  });

  it('Ctrl-C at a prompt exits 130 and says so, without a stack', async () => {
    const { code, screen } = await onTerminal(
      ['login', 'evrim', '--url', servers[2]?.url ?? ''],
      async (t) => {
        await t.answer('Evrim username', 'demo\r');
        await t.answer('Evrim password', '\u0003');
      },
    );
    expect(code).toBe(130);
    expect(screen).toContain('tokenwise: cancelled');
    expect(screen).not.toMatch(/^\s+at /m);
    expect(evrim.counts.logins).toBe(0);
  });

  it('Ctrl-C while the login spins exits 130 and says so', async () => {
    // A server that accepts and never answers: the login waits until the person gives up.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { code, screen } = await onTerminal(
        ['login', 'evrim', '--url', `http://127.0.0.1:${port}`],
        async (t) => {
          await t.answer('Evrim username', 'demo\r');
          await t.answer('Evrim password', 'demo-password\r');
          await t.answer('Logging in to Evrim', '\u0003');
        },
      );
      expect(code).toBe(130);
      expect(screen).toContain('tokenwise: cancelled');
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('asks Cozify for the e-mailed code only after it was sent', async () => {
    const { code, screen } = await onTerminal(
      ['login', 'cozify', '--url', `${servers[1]?.url}/ui/0.2`],
      async (t) => {
        await t.answer('Cozify e-mail', 'demo@example.com\r');
        const otp = await waitFor(() => cozify.lastOtp('demo@example.com'), 'the OTP e-mail');
        await t.answer('Code Cozify e-mailed to demo@example.com', `${otp}\r`);
      },
    );
    expect(code).toBe(0);
    expect(screen).toContain('Logged in to Cozify as demo@example.com');
    expect(cozify.counts.otpRequests).toBe(1);
  });
});
