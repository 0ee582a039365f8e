import { describe, expect, it } from 'vitest';
import {
  boundedBackOff,
  DEFAULT_MAX_BACK_OFF_MS,
  DEFAULT_RATE_LIMIT_MS,
  IMPLAUSIBLE_RETRY_AFTER_MS,
} from '../src/back-off.js';
import { ConfigurationError, ErrorCodes, type RateLimitError } from '../src/errors.js';
import { FakeClock, handlerFetch, jsonResponse } from '../src/mock-kit.js';
import { ReferenceCloud } from '../src/reference-kit.js';
import { parseRetryAfter } from '../src/retry-after.js';
import { SessionManager, type SessionManagerOptions } from '../src/session-manager.js';
import { MemoryStore } from '../src/store/memory-store.js';
import {
  createReferenceStrategy,
  type ReferenceSession,
} from '../src/testing/reference/reference-strategy.js';
import { throttleRecordSchema } from '../src/throttle-record.js';

const HOUR = 3_600_000;
const YEAR = 365 * 86_400_000;
const THROTTLE_KEY = 'throttle:reference:demo@example.com';

/**
 * The reference cloud behind a fetch that can answer the next login with a
 * 429 carrying any raw `Retry-After` text (the cloud's own helper only sends
 * whole seconds).
 */
function rig(options: { defaultRateLimitMs?: number } = {}) {
  const clock = new FakeClock();
  const cloud = new ReferenceCloud({ clock });
  const store = new MemoryStore();
  let next429: string | null | undefined;
  const fetch = handlerFetch((request) => {
    if (next429 !== undefined) {
      const header = next429;
      next429 = undefined;
      return jsonResponse(
        { error: 'too_many_requests' },
        429,
        header === null ? {} : { 'retry-after': header },
      );
    }
    return cloud.handler(request);
  });
  const strategy = {
    ...createReferenceStrategy({
      baseUrl: 'https://ref.test',
      username: 'demo@example.com',
      password: 'demo-password',
      fetch,
    }),
    ...options,
  };
  const manager = (extra: Partial<SessionManagerOptions<ReferenceSession>> = {}) =>
    new SessionManager({ strategy, store, clock, ...extra });
  return {
    clock,
    cloud,
    store,
    manager,
    /** The next login answers 429 with this `Retry-After` (`null`: none). */
    rateLimitNextLogin(retryAfter: string | null) {
      next429 = retryAfter;
    },
    async storedBackOff() {
      return throttleRecordSchema.parse(await store.get(THROTTLE_KEY));
    },
  };
}

async function rateLimitError(promise: Promise<unknown>): Promise<RateLimitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: ErrorCodes.RateLimitError });
  return error as RateLimitError;
}

describe('login back-offs are bounded', () => {
  it('Retry-After 3153600000 (100 years) is ignored as implausible: the default 60 s back-off, not 100 years', async () => {
    const r = rig();
    const a = r.manager();
    r.rateLimitNextLogin('3153600000');
    const error = await rateLimitError(a.get());
    expect(error.retryAfterMs).toBe(DEFAULT_RATE_LIMIT_MS);
    expect(a.rateLimitedForMs).toBe(DEFAULT_RATE_LIMIT_MS);
    const stored = await r.storedBackOff();
    expect(stored.until).toBe(r.clock.now() + DEFAULT_RATE_LIMIT_MS);
    expect(stored.reason).toContain('3153600000 s was ignored as implausible');

    // Another instance sharing the store backs off for the same minute, then logs in.
    const b = r.manager();
    expect((await rateLimitError(b.get())).fromStore).toBe(true);
    r.clock.advance(DEFAULT_RATE_LIMIT_MS + 1);
    await expect(b.get()).resolves.toMatchObject({ vendor: 'reference' });
    expect(r.cloud.counts.logins).toBe(1);
  });

  it('a Retry-After between the maximum and one day is capped at maxBackOffMs (default one hour)', async () => {
    const r = rig();
    const manager = r.manager();
    r.rateLimitNextLogin('7200');
    expect((await rateLimitError(manager.get())).retryAfterMs).toBe(DEFAULT_MAX_BACK_OFF_MS);
    expect((await r.storedBackOff()).until).toBe(r.clock.now() + HOUR);
    r.clock.advance(HOUR + 1);
    await expect(manager.get()).resolves.toMatchObject({ vendor: 'reference' });
  });

  it('a Retry-After up to the maximum is honoured as sent; maxBackOffMs sets the maximum', async () => {
    const r = rig();
    r.rateLimitNextLogin('600');
    expect((await rateLimitError(r.manager().get())).retryAfterMs).toBe(600_000);

    const small = rig();
    small.rateLimitNextLogin('600');
    const error = await rateLimitError(small.manager({ maxBackOffMs: 120_000 }).get());
    expect(error.retryAfterMs).toBe(120_000);
  });

  it.each([['soon'], ['-5'], ['1e3'], ['1 2'], [''], [null]])(
    'an unparseable Retry-After (%j) uses the strategy defaultRateLimitMs',
    async (header) => {
      const r = rig({ defaultRateLimitMs: 90_000 });
      r.rateLimitNextLogin(header);
      expect((await rateLimitError(r.manager().get())).retryAfterMs).toBe(90_000);
      expect((await r.storedBackOff()).until).toBe(r.clock.now() + 90_000);
    },
  );

  it('a default back-off longer than the maximum is capped too', async () => {
    const r = rig({ defaultRateLimitMs: 5 * HOUR });
    r.rateLimitNextLogin(null);
    expect((await rateLimitError(r.manager().get())).retryAfterMs).toBe(HOUR);
  });

  it('maxBackOffMs: 0 keeps no back-off: the error is thrown, nothing is stored, the next call logs in', async () => {
    const r = rig();
    const manager = r.manager({ maxBackOffMs: 0 });
    r.rateLimitNextLogin('120');
    expect((await rateLimitError(manager.get())).retryAfterMs).toBe(0);
    expect(await r.store.get(THROTTLE_KEY)).toBeUndefined();
    await expect(manager.get()).resolves.toMatchObject({ vendor: 'reference' });
  });

  it.each([
    ['-1', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['the string "3600000"', '3600000'],
  ])('maxBackOffMs %s is a ConfigurationError naming the option', (_label, value) => {
    const r = rig();
    expect(() => r.manager({ maxBackOffMs: value as number })).toThrow(ConfigurationError);
    expect(() => r.manager({ maxBackOffMs: value as number })).toThrow(/maxBackOffMs/);
  });
});

describe('a stored back-off beyond the maximum', () => {
  it('a 100-year back-off stored by an older version is cut to one hour when read, and stays cut', async () => {
    const r = rig();
    const stored = r.clock.now() + 100 * YEAR;
    await r.store.set(THROTTLE_KEY, { until: stored, reason: 'rate limited by the vendor' });

    const a = r.manager();
    const first = await rateLimitError(a.get());
    expect(first).toMatchObject({ fromStore: true, retryAfterMs: HOUR });
    const record = await r.storedBackOff();
    expect(record.until).toBe(r.clock.now() + HOUR);
    expect(record.reason).toMatch(/^rate limited by the vendor \(stored back-off beyond the 3600 s maximum/);

    // Written back: half an hour later another process sees half an hour left, not a fresh hour.
    r.clock.advance(HOUR / 2);
    expect((await rateLimitError(r.manager().get())).retryAfterMs).toBe(HOUR / 2);
    r.clock.advance(HOUR / 2 + 1);
    await expect(r.manager().get()).resolves.toMatchObject({ vendor: 'reference' });
    expect(r.cloud.counts.logins).toBe(1);
  });
});

describe('SessionManager.clearBackOff()', () => {
  it('lifts a shared back-off for every instance and keeps the session', async () => {
    const r = rig();
    const a = r.manager();
    const session = await a.get();
    r.rateLimitNextLogin('1800');
    await rateLimitError(a.renew({ login: true }));
    expect(a.rateLimitedForMs).toBe(1_800_000);
    const b = r.manager();
    await b.get();
    expect((await rateLimitError(b.renew({ login: true }))).fromStore).toBe(true);

    await a.clearBackOff();
    expect(a.rateLimitedForMs).toBe(0);
    expect(await r.store.get(THROTTLE_KEY)).toBeUndefined();
    expect(a.peek()).toEqual(session);
    await expect(b.renew({ login: true })).resolves.toMatchObject({ vendor: 'reference' });
  });
});

describe('boundedBackOff', () => {
  const limits = { defaultMs: 60_000, maxMs: HOUR };

  it.each([
    [undefined, 60_000, 'default'],
    [0, 60_000, 'default'],
    [-5_000, 60_000, 'default'],
    [Number.NaN, 60_000, 'default'],
    [Number.POSITIVE_INFINITY, 60_000, 'default'],
    [0.25, 1, 'honoured'],
    [1_500.5, 1_501, 'honoured'],
    [HOUR, HOUR, 'honoured'],
    [HOUR + 1, HOUR, 'capped'],
    [IMPLAUSIBLE_RETRY_AFTER_MS, HOUR, 'capped'],
    [IMPLAUSIBLE_RETRY_AFTER_MS + 1, 60_000, 'ignored'],
    [3_153_600_000_000, 60_000, 'ignored'],
  ] as const)('requested %s ms → %s ms (%s)', (requested, ms, rule) => {
    expect(boundedBackOff(requested, limits)).toMatchObject({ ms, rule });
  });

  it('a maximum longer than a day moves the implausible threshold with it', () => {
    expect(boundedBackOff(2 * 86_400_000, { defaultMs: 60_000, maxMs: 3 * 86_400_000 })).toMatchObject({
      ms: 2 * 86_400_000,
      rule: 'honoured',
    });
  });
});

describe('parseRetryAfter oddities', () => {
  const now = Date.UTC(2026, 0, 1);

  it.each([
    ['120', 120_000],
    [' 120 ', 120_000],
    ['1.5', 1_500],
    ['0.0001', 1],
    ['0', 0],
    ['2026', 2_026_000],
    ['3153600000', 3_153_600_000_000],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['Thursday, 01-Jan-26 00:01:00 GMT', 60_000],
    ['Thu Jan  1 00:01:00 2026', 60_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
  ])('%j → %s ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([
    ['-5'],
    ['+5'],
    ['-1.5'],
    ['.5'],
    ['1e3'],
    ['0x10'],
    ['1 2'],
    ['NaN'],
    ['Infinity'],
    ['soon'],
    ['9'.repeat(400)],
    ['99999999999999999'],
  ])('%j is unparseable', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
