import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { CozifyCloud } from '@tokenwise/cozify/mock';
import { VeSyncCloud } from '@tokenwise/vesync/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox, waitFor } from './helpers/cli-process.js';
import { SCRIPT, Terminal } from './helpers/terminal.js';

let sandbox: Sandbox;
const servers: LoopbackServer[] = [];
const vesync = new VeSyncCloud();
const cozify = new CozifyCloud();

beforeAll(async () => {
  sandbox = await makeSandbox();
  servers.push(await startLoopbackServer(vesync.handler), await startLoopbackServer(cozify.handler));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await sandbox.cleanup();
});

describe.runIf(existsSync(SCRIPT))('tokenwise login on a terminal', () => {
  it('asks VeSync e-mail, password and country, then stores the session', async () => {
    const terminal = new Terminal(['login', 'vesync', '--url', servers[0]?.url ?? ''], sandbox.env);
    try {
      await terminal.answer('VeSync e-mail', 'demo@example.com\r');
      await terminal.answer('VeSync password', 'demo-password\r');
      await terminal.answer('Country of the VeSync account', '\r'); // the first choice: United States
      expect(await terminal.exited()).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(terminal.screen).toContain('Logged in to VeSync as demo@example.com');
    // The password prompt is masked: the password never reaches the screen.
    expect(terminal.screen).not.toContain('demo-password');
    expect(vesync.counts.logins).toBe(1);
  });

  it('Ctrl-C while the login spins exits 1 and says so', async () => {
    // A server that accepts and never answers: the login waits until the person gives up.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const terminal = new Terminal(['login', 'evrim', '--url', `http://127.0.0.1:${port}`], sandbox.env);
    try {
      await terminal.answer('Evrim username', 'demo\r');
      await terminal.answer('Evrim password', 'demo-password\r');
      await terminal.answer('Logging in to Evrim', '\u0003');
      expect(await terminal.exited()).toBe(1);
    } finally {
      terminal.kill();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
    expect(terminal.screen).toContain('tokenwise: cancelled');
  });

  it('asks Cozify for the e-mailed code only after it was sent', async () => {
    const terminal = new Terminal(['login', 'cozify', '--url', `${servers[1]?.url}/ui/0.2`], sandbox.env);
    try {
      await terminal.answer('Cozify e-mail', 'demo@example.com\r');
      const code = await waitFor(() => cozify.lastOtp('demo@example.com'), 'the OTP e-mail');
      await terminal.answer('Code Cozify e-mailed to demo@example.com', `${code}\r`);
      expect(await terminal.exited()).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(terminal.screen).toContain('Logged in to Cozify as demo@example.com');
    expect(cozify.counts.otpRequests).toBe(1);
  });
});
