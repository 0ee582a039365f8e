import { describe, expect, it } from 'vitest';
import { bindingObservation, parseRateLimitHeaders } from '../src/http/rate-limit-headers.js';

// Header values as tado sends them (vendor notes §4.3: tado's support article, PyTado's 429 mock,
// libtado's self-observed value).
const TADO_POLICY = '"perday";q=20000;w=86400';

describe('parseRateLimitHeaders', () => {
  it("reads tado's headers: remaining, quota and window joined by policy name", () => {
    const headers = new Headers({ 'RateLimit-Policy': TADO_POLICY, RateLimit: '"perday";r=123' });
    expect(parseRateLimitHeaders(headers)).toEqual([
      { policy: 'perday', remaining: 123, resetSeconds: undefined, limit: 20000, windowSeconds: 86400 },
    ]);
  });

  it("reads tado's exhausted answer (PyTado's 429 mock): r=0 and t seconds until the refill", () => {
    const headers = new Headers({
      'RateLimit-Policy': '"perday";q=1000;w=86400',
      RateLimit: '"perday";r=0;t=1301',
    });
    expect(parseRateLimitHeaders(headers)).toEqual([
      { policy: 'perday', remaining: 0, resetSeconds: 1301, limit: 1000, windowSeconds: 86400 },
    ]);
  });

  it('matches header names case-insensitively, in Headers and in plain records', () => {
    const lower = parseRateLimitHeaders({ 'ratelimit-policy': TADO_POLICY, ratelimit: '"perday";r=15153' });
    const upper = parseRateLimitHeaders({ 'RATELIMIT-POLICY': TADO_POLICY, RATELIMIT: '"perday";r=15153' });
    const fetched = parseRateLimitHeaders(
      new Headers({ 'ratelimit-policy': TADO_POLICY, ratelimit: '"perday";r=15153' }),
    );
    for (const parsed of [lower, upper, fetched]) {
      expect(parsed).toEqual([
        { policy: 'perday', remaining: 15153, resetSeconds: undefined, limit: 20000, windowSeconds: 86400 },
      ]);
    }
  });

  it('reads several policies and matches each status item to its policy by name, in any order', () => {
    const headers = new Headers({
      'RateLimit-Policy': '"perday";q=20000;w=86400, "burst";q=100;w=60',
      RateLimit: '"burst";r=0;t=30, "perday";r=15000',
    });
    const parsed = parseRateLimitHeaders(headers);
    expect(parsed).toEqual([
      { policy: 'burst', remaining: 0, resetSeconds: 30, limit: 100, windowSeconds: 60 },
      { policy: 'perday', remaining: 15000, resetSeconds: undefined, limit: 20000, windowSeconds: 86400 },
    ]);
    expect(bindingObservation(parsed)?.policy).toBe('burst');
  });

  it('joins header lines fetch combined, and keeps a status item without a policy (no quota, no window)', () => {
    const headers = new Headers();
    headers.append('ratelimit', '"perday";r=9');
    headers.append('ratelimit', '"hourly";r=4;t=100');
    headers.append('ratelimit-policy', '"perday";q=10;w=86400');
    expect(parseRateLimitHeaders(headers)).toEqual([
      { policy: 'perday', remaining: 9, resetSeconds: undefined, limit: 10, windowSeconds: 86400 },
      { policy: 'hourly', remaining: 4, resetSeconds: 100, limit: undefined, windowSeconds: undefined },
    ]);
  });

  it('accepts token names and quoted names holding commas, semicolons and escaped quotes', () => {
    expect(parseRateLimitHeaders({ ratelimit: 'perday;r=3' })[0]?.policy).toBe('perday');
    expect(parseRateLimitHeaders({ ratelimit: '"a,b;c";r=3, "d\\"e";r=4' }).map((o) => o.policy)).toEqual([
      'a,b;c',
      'd"e',
    ]);
  });

  it('ignores garbage, item by item, and never throws', () => {
    const cases: Array<[string, number]> = [
      ['garbage', 0],
      ['', 0],
      [';;;,,,', 0],
      ['"perday"', 0],
      ['"perday";r=-1', 0],
      ['"perday";r=1.5', 0],
      ['"perday";r=abc', 0],
      ['"perday";r', 0],
      ['"perday";r=1234567890123456', 0],
      ['"unterminated;r=1', 0],
      ['"perday";R=5', 1],
      ['"x";r=oops, "perday";r=7', 1],
      ['("inner" list);r=1', 0],
      ['"bad\u0007name";r=1', 0],
      [`"${'n'.repeat(65)}";r=1`, 0],
      ['"perday";r=5;bad key=1', 0],
    ];
    for (const [value, count] of cases) {
      expect(parseRateLimitHeaders({ ratelimit: value }), value).toHaveLength(count);
    }
    expect(parseRateLimitHeaders({ ratelimit: '"perday";r=5;t=' })[0]?.resetSeconds).toBeUndefined();
    expect(parseRateLimitHeaders({ ratelimit: '"perday";r=5;t=-3' })[0]?.resetSeconds).toBeUndefined();
    const noPolicy = parseRateLimitHeaders({ ratelimit: '"perday";r=5', 'ratelimit-policy': 'q=1;;"x' });
    expect(noPolicy).toEqual([
      { policy: 'perday', remaining: 5, resetSeconds: undefined, limit: undefined, windowSeconds: undefined },
    ]);
    const zeroWindow = parseRateLimitHeaders({
      ratelimit: '"perday";r=5',
      'ratelimit-policy': '"perday";q=10;w=0',
    });
    expect(zeroWindow[0]?.windowSeconds).toBeUndefined();
  });

  it('survives random bytes', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const alphabet = '"\\;,=rtqw0123456789 -.?*abc\u0000\u00ff';
    for (let i = 0; i < 500; i++) {
      const value = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
      expect(() => parseRateLimitHeaders({ ratelimit: value, 'ratelimit-policy': value })).not.toThrow();
    }
  });

  it('reads nothing without a RateLimit header, even with a policy', () => {
    expect(parseRateLimitHeaders(new Headers({ 'RateLimit-Policy': TADO_POLICY }))).toEqual([]);
    expect(parseRateLimitHeaders(new Headers())).toEqual([]);
  });
});

describe('bindingObservation', () => {
  const o = (policy: string, remaining: number, resetSeconds?: number) => ({
    policy,
    remaining,
    resetSeconds,
    limit: undefined,
    windowSeconds: undefined,
  });

  it('is the policy with the fewest requests left; among spent ones, the one resetting last', () => {
    expect(bindingObservation([])).toBeUndefined();
    expect(bindingObservation([o('a', 5), o('b', 2)])?.policy).toBe('b');
    expect(bindingObservation([o('a', 0, 30), o('b', 0, 3000), o('c', 0, 60)])?.policy).toBe('b');
  });
});
