import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess, startLoopbackServer } from '@tokenwise/auth-core/testing';
import { FileStore, SessionManager, toSecret } from '@tokenwise/auth-core/vendor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVeSyncErrorMapper } from '../src/errors.js';
import { createVeSyncStrategy, TerminalIdentity } from '../src/index.js';
import { VeSyncCloud } from '../src/mock/index.js';
import { machineTerminalId } from '../src/terminal-identity.js';
import { DEMO } from './helpers.js';

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

  it('a process whose stored token was revoked logs in again with the terminalId stored by another program', async () => {
    const cloud = new VeSyncCloud();
    await using server = await startLoopbackServer(cloud.handler);
    const path = join(dir, 'sessions.json');
    // The first program is not this machine's default identity (another tool, another host
    // sharing the store): its random terminal id is what the child must reuse.
    const identity = new TerminalIdentity('US');
    const strategy = createVeSyncStrategy({
      email: DEMO.username,
      password: toSecret(DEMO.password),
      baseUrl: { US: server.url, EU: server.url },
      fetch: globalThis.fetch,
      identity,
      mapError: createVeSyncErrorMapper(() => []),
    });
    const first = new SessionManager({ strategy, store: new FileStore({ path }) });
    const stored = await first.get();
    await first.close();
    expect(stored.terminalId).not.toBe(machineTerminalId(DEMO.username));

    cloud.revokeAccessTokens();
    const child = await runProcess(childScript, {
      TOKENWISE_VESYNC_URL: server.url,
      TOKENWISE_STORE_PATH: path,
    });
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);

    expect(cloud.counts.logins).toBe(2);
    expect(cloud.counts.rejectedRequests).toBe(1);
    expect(cloud.terminalIds(DEMO.username)).toEqual([stored.terminalId]);
    expect(cloud.counts.newLoginEmails).toBe(1);
  });

  it('two runs without a persistent store send the same machine-derived terminalId (one "new login" e-mail)', async () => {
    const cloud = new VeSyncCloud();
    await using server = await startLoopbackServer(cloud.handler);
    const env = { TOKENWISE_VESYNC_URL: server.url, TOKENWISE_STORE_PATH: '' };
    for (let run = 0; run < 2; run++) {
      const result = await runProcess(childScript, { ...env, VESYNC_CHILD_MEMORY_STORE: '1' });
      expect(result.stderr).toBe('');
    }
    expect(cloud.counts.logins).toBe(2);
    expect(cloud.terminalIds(DEMO.username)).toEqual([machineTerminalId(DEMO.username)]);
    expect(cloud.counts.newLoginEmails).toBe(1);
  });

  it("machine terminal ids have VeSync's shape and differ between accounts", () => {
    const a = machineTerminalId('a@example.com');
    expect(a).toMatch(/^2[0-9a-f]{32}$/);
    expect(machineTerminalId('a@example.com')).toBe(a);
    expect(machineTerminalId('b@example.com')).not.toBe(a);
  });
});
