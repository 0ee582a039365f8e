import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { FakeClock, handlerFetch } from '@tokenwise/auth-core/testing';
import {
  AuthorizedHttp,
  type AuthStrategy,
  FileStore,
  SESSION_SCHEMA_VERSION,
  SessionManager,
  sessionBaseSchema,
} from '@tokenwise/auth-core/vendor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { resetCommand } from '../src/commands/reset.js';
import { statusCommand } from '../src/commands/status.js';

const NOW = Date.UTC(2026, 11, 5, 10, 0, 0);
// The CLI has no zod of its own: the token field borrows core's non-empty string.
const schema = sessionBaseSchema.extend({ token: sessionBaseSchema.shape.vendor });
type Session = ReturnType<typeof schema.parse>;

let dir: string;
let path: string;

/** A bearer strategy for an account of a vendor whose cloud reports tado's daily quota. */
function strategy(account: string): AuthStrategy<Session> {
  return {
    vendor: 'tado',
    account,
    schema,
    async login(ctx) {
      const now = ctx.clock.now();
      return {
        vendor: 'tado',
        account,
        issuedAt: now,
        expiresAt: now + 600_000,
        token: 'secret-access-token',
      };
    },
    authorize(parts, session) {
      parts.headers.set('authorization', `Bearer ${session.token}`);
    },
    async isAuthFailure(response) {
      return response.status === 401;
    },
    token: (session) => session.token,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenwise-cli-quota-'));
  path = join(dir, 'sessions.json');
  const clock = new FakeClock(NOW - 5 * 60_000);
  const store = new FileStore({ path });
  // One account spent its quota: the record is written by core itself, from tado's 429 (vendor notes §4.3).
  const spent = new SessionManager({ strategy: strategy('spent@example.com'), clock, store });
  const http = new AuthorizedHttp({
    manager: spent,
    baseUrl: 'https://my.tado.test/api/v2',
    fetch: handlerFetch(
      () =>
        new Response(null, {
          status: 429,
          headers: { 'RateLimit-Policy': '"perday";q=1000;w=86400', RateLimit: '"perday";r=0;t=1301' },
        }),
    ),
  });
  await expect(http.request('me')).rejects.toMatchObject({ code: 'TOKENWISE_RATE_LIMITED' });
  await spent.close();
  // Another with requests left and no session stored (its session lives elsewhere).
  await store.set('quota:tado:busy@example.com', {
    policy: 'perday',
    limit: 20000,
    remaining: 123,
    resetAt: null,
    windowMs: 86_400_000,
    observedAt: NOW - 60_000,
  });
  await store.set('tado:busy@example.com', {
    schemaVersion: SESSION_SCHEMA_VERSION,
    session: {
      vendor: 'tado',
      account: 'busy@example.com',
      issuedAt: NOW - 60_000,
      expiresAt: NOW + 540_000,
      token: 'another-secret',
    },
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function memoryIo(): { io: CliIo; out: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  return { io: { stdin: new PassThrough(), stdout, stderr, env: {} }, out: () => text };
}

describe('tokenwise status shows request quotas', () => {
  it('lists requests left and the reset, spent or not, without a secret', async () => {
    const { io, out } = memoryIo();
    expect(await statusCommand(io, { store: path }, NOW)).toBe(0);
    const text = out();
    expect(text).toContain('Request quotas (as the vendor last reported them):');
    expect(text).toContain(
      '  tado busy@example.com: 123 of 20000 left (perday); reset time not reported; observed 1m ago\n',
    );
    const resetAt = new Date(NOW - 5 * 60_000 + 1301_000).toISOString();
    expect(text).toContain(
      `  tado spent@example.com: spent, calls are refused until the reset (perday, 0 of 1000 left); resets ${resetAt} (in 16m 41s); observed 5m ago\n`,
    );
    expect(text).not.toContain('secret');
  });

  it('--json gives each quota, on its session and in a list', async () => {
    const { io, out } = memoryIo();
    expect(await statusCommand(io, { store: path, json: true }, NOW)).toBe(0);
    const json = JSON.parse(out()) as {
      sessions: Array<{ account: string; quota: unknown }>;
      quotas: Array<Record<string, unknown>>;
    };
    expect(json.quotas).toEqual([
      {
        vendor: 'tado',
        account: 'busy@example.com',
        key: 'quota:tado:busy@example.com',
        policy: 'perday',
        limit: 20000,
        remaining: 123,
        spent: false,
        resetAt: null,
        resetInMs: null,
        windowMs: 86_400_000,
        observedAt: new Date(NOW - 60_000).toISOString(),
      },
      {
        vendor: 'tado',
        account: 'spent@example.com',
        key: 'quota:tado:spent@example.com',
        policy: 'perday',
        limit: 1000,
        remaining: 0,
        spent: true,
        resetAt: new Date(NOW - 5 * 60_000 + 1301_000).toISOString(),
        resetInMs: 1001_000,
        windowMs: 86_400_000,
        observedAt: new Date(NOW - 5 * 60_000).toISOString(),
      },
    ]);
    const busy = json.sessions.find((s) => s.account === 'busy@example.com');
    expect(busy?.quota).toMatchObject({ remaining: 123, limit: 20000 });
    expect(out()).not.toContain('secret');
  });

  it('once the reset has passed, the quota is no longer shown as spent', async () => {
    const { io, out } = memoryIo();
    const later = NOW + 2 * 3_600_000;
    expect(await statusCommand(io, { store: path }, later)).toBe(0);
    expect(out()).toMatch(
      /tado spent@example\.com: the window has reset since \(perday\); resets \S+ \(1h 43m ago\)/,
    );
  });
});

describe('tokenwise reset clears a spent request quota', () => {
  it('deletes the spent record of the target, keeps the others and the sessions', async () => {
    const store = new FileStore({ path });
    const { io, out } = memoryIo();
    expect(await resetCommand(io, { vendor: 'tado', account: 'spent@example.com', store: path }, NOW)).toBe(
      0,
    );
    expect(out()).toContain(
      'Cleared the spent request quota of tado spent@example.com (it would have reset in 16m 41s)',
    );
    expect(await store.get('quota:tado:spent@example.com')).toBeUndefined();
    expect(await store.get('quota:tado:busy@example.com')).toBeDefined();
    expect(await store.get('tado:busy@example.com')).toBeDefined();
  });
});
