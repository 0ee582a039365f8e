import { existsSync } from 'node:fs';
import { type LoopbackServer, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { TadoCloud } from '@tokenwise/tado/mock';
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
import { SCRIPT, Terminal } from './helpers/terminal.js';

// The real binary against the tado simulator: the test plays the person who approves the code.
let sandbox: Sandbox;
let server: LoopbackServer;
const cloud = new TadoCloud({ interval: 1 });

beforeAll(async () => {
  sandbox = await makeSandbox();
  server = await startLoopbackServer(cloud.handler);
});

afterAll(async () => {
  await server.close();
  await sandbox.cleanup();
});

describe('tokenwise login tado (device code)', () => {
  it('shows the link and code, polls until the test approves, and stores the session', async () => {
    const child = startCli(['login', 'tado', '--url', server.url], sandbox.env);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const done = finished(child);
    const link = await waitFor(() => /Open (\S+)/.exec(stderr)?.[1], 'the verification link');
    const code = /confirm the code ([A-Z]+)/.exec(stderr)?.[1];
    const url = new URL(link);
    expect(url.searchParams.get('user_code')).toBe(code);
    expect(url.searchParams.get('client_id')).toBe('1bb50063-6b0c-4d11-bd99-387f4a91cc46');
    // Still waiting: nobody has approved.
    await waitFor(() => (cloud.counts.pendingPolls > 0 ? true : undefined), 'a pending poll');
    // The person opens the link in a signed-in browser.
    expect((await fetch(link)).status).toBe(200);
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Logged in to tado° as default');
    expect(cloud.counts.logins).toBe(1);
    const stored = await sandbox.storedJson();
    expect(JSON.stringify(stored)).toContain('tado:default');
    // Tokens never reach the terminal.
    for (const secret of storedSecrets(stored)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('a second login reuses the stored session without a new device code', async () => {
    const before = cloud.counts.deviceAuthorizations;
    const result = await runCli(['login', 'tado', '--url', server.url], sandbox.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Already logged in to tado° as default');
    expect(cloud.counts.deviceAuthorizations).toBe(before);
  });
});

describe.runIf(existsSync(SCRIPT))('tokenwise login tado on a terminal', () => {
  it('shows the link and code, spins while it polls, and finishes once the code is approved', async () => {
    const own = await makeSandbox();
    const terminal = new Terminal(['login', 'tado', '--url', server.url], own.env);
    try {
      await terminal.answer('Waiting for the approval', '');
      const link = /Open (\S+)/.exec(terminal.screen)?.[1];
      expect(link).toContain('client_id=');
      expect((await fetch(link ?? '')).status).toBe(200);
      expect(await terminal.exited()).toBe(0);
    } finally {
      terminal.kill();
      await own.cleanup();
    }
    expect(terminal.screen).toContain('Logged in to tado° as default');
  });
});
