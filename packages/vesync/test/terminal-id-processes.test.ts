import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VeSyncCloud } from '../src/mock/index.js';

// The child is the built package on a FileStore: a real restart, nothing shared but the file.
const childScript = fileURLToPath(new URL('./fixtures/vesync-child.mjs', import.meta.url));

describe('terminalId across processes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vesync-terminal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a process whose stored token was revoked logs in again with the terminalId another process stored', async () => {
    const cloud = new VeSyncCloud();
    await using server = await startLoopbackServer(cloud.handler);
    const env = { TOKENWISE_VESYNC_URL: server.url, TOKENWISE_STORE_PATH: join(dir, 'sessions.json') };

    const first = await runProcess(childScript, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(cloud.counts.logins).toBe(1);

    cloud.revokeSessions();
    const second = await runProcess(childScript, env);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);

    expect(cloud.counts.logins).toBe(2);
    expect(cloud.counts.rejectedRequests).toBe(1);
    expect(cloud.terminalIds('demo@example.com')).toHaveLength(1);
    expect(cloud.counts.newLoginEmails).toBe(1);
  });
});
