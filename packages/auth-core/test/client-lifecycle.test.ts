import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ClientClosedError,
  ConfigurationError,
  ErrorCodes,
  isTokenwiseError,
  RateLimitError,
  TokenwiseError,
} from '../src/errors.js';
import { ClientLifecycle } from '../src/kit/client-lifecycle.js';

describe('ClientLifecycle', () => {
  it('runs the closers once, in order, and close() is idempotent (same promise)', async () => {
    const lifecycle = new ClientLifecycle('VeSync', 'vesync');
    const ran: string[] = [];
    expect(lifecycle.closed).toBe(false);
    lifecycle.assertOpen();
    const first = lifecycle.close(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        ran.push('a');
      },
      () => ran.push('b'),
    );
    const second = lifecycle.close(() => ran.push('never'));
    expect(second).toBe(first);
    expect(lifecycle.closed).toBe(true);
    await first;
    await lifecycle.close();
    expect(ran).toEqual(['a', 'b']);
  });

  it('assertOpen throws a ClientClosedError once closed, a ConfigurationError by code and class', async () => {
    const lifecycle = new ClientLifecycle('VeSync', 'vesync');
    await lifecycle.close();
    let caught: unknown;
    try {
      lifecycle.assertOpen();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ClientClosedError);
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect(isTokenwiseError(caught, ErrorCodes.ConfigurationError)).toBe(true);
    expect(caught).toMatchObject({
      vendor: 'vesync',
      message: 'This VeSync client is closed; create a new one',
    });
  });
});

describe('isTokenwiseError narrowing', () => {
  it('narrows to the class of the code', () => {
    const error: unknown = new RateLimitError('slow down', { retryAfterMs: 1_500 });
    if (isTokenwiseError(error, ErrorCodes.RateLimitError)) {
      // Compiles without a cast: the typecheck of this file is the proof.
      const wait: number | undefined = error.retryAfterMs;
      expect(wait).toBe(1_500);
      expectTypeOf(error).toEqualTypeOf<RateLimitError>();
    } else {
      throw new Error('expected a RateLimitError');
    }
    expect(isTokenwiseError(error, ErrorCodes.ConfigurationError)).toBe(false);
    expect(isTokenwiseError(new Error('plain'))).toBe(false);
    expect(isTokenwiseError(new TokenwiseError('x'))).toBe(true);
  });
});

describe('ClientLifecycle, a failing closer', () => {
  it('still runs the later closers (a failed transport close must not leave the session manager running) and rejects', async () => {
    const lifecycle = new ClientLifecycle('Navien', 'navien');
    const ran: string[] = [];
    const closing = lifecycle.close(
      () => {
        throw new Error('socket already gone');
      },
      () => ran.push('manager'),
    );
    await expect(closing).rejects.toThrow('socket already gone');
    expect(ran).toEqual(['manager']);
    expect(lifecycle.closed).toBe(true);
    expect(() => lifecycle.assertOpen()).toThrow(ClientClosedError);
  });
});
