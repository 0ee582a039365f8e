import { describe, expect, it } from 'vitest';
import { ConfigurationError, ErrorCodes } from '../src/errors.js';
import {
  checkEmailOption,
  checkFetchOption,
  checkSecretOption,
  checkSignalOption,
} from '../src/kit/checks.js';
import { checkClientOptions } from '../src/kit/client-options.js';
import { Secret } from '../src/secret.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeClock } from '../src/testing/fake-clock.js';

const KEYS = {
  store: true,
  fetch: true,
  clock: true,
  timeoutMs: true,
  maxBackOffMs: true,
  signal: true,
  baseUrl: true,
} as const;

const failure = (run: () => unknown): ConfigurationError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: ErrorCodes.ConfigurationError });
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
};

describe('checkClientOptions', () => {
  it('accepts good common options and returns them', () => {
    const options = {
      store: new MemoryStore(),
      fetch: globalThis.fetch,
      clock: new FakeClock(),
      timeoutMs: 5_000,
      maxBackOffMs: 0,
      signal: new AbortController().signal,
      baseUrl: 'https://a.test',
    };
    expect(checkClientOptions(options, 'Evrim.create', KEYS, 'evrim')).toBe(options);
    expect(checkClientOptions(undefined, 'Evrim.create', KEYS, 'evrim')).toEqual({});
  });

  it('refuses an unknown key with a suggestion', () => {
    const error = failure(() =>
      checkClientOptions({ baseURL: 'https://a.test' }, 'Evrim.create', KEYS, 'evrim'),
    );
    expect(error.message).toContain('Evrim.create option `baseURL`');
    expect(error.message).toContain('did you mean `baseUrl`');
    expect(error).toMatchObject({ vendor: 'evrim' });
  });

  it('refuses a non-object', () => {
    expect(failure(() => checkClientOptions('x', 'Evrim.create', KEYS, 'evrim')).message).toContain(
      'Evrim.create options must be an object',
    );
  });

  const bad: Array<[string, unknown]> = [
    ['store', { get: () => undefined }],
    ['fetch', 'https://a.test'],
    ['clock', { now: 5 }],
    ['timeoutMs', 0],
    ['timeoutMs', Number.NaN],
    ['maxBackOffMs', -1],
    ['signal', { aborted: false }],
  ];
  for (const [option, value] of bad) {
    it(`refuses a bad \`${option}\` (${String(value instanceof Object ? 'object' : value)}), naming it`, () => {
      const error = failure(() => checkClientOptions({ [option]: value }, 'Evrim.create', KEYS, 'evrim'));
      expect(error.message).toContain(`Evrim.create option \`${option}\``);
      expect(error).toMatchObject({ vendor: 'evrim' });
    });
  }
});

describe('kit checks', () => {
  it('checkEmailOption trims, refuses a non-address without echoing it', () => {
    expect(checkEmailOption(' me@example.com ', 'option `email`')).toBe('me@example.com');
    expect(checkEmailOption(undefined, 'option `email`')).toBeUndefined();
    const error = failure(() => checkEmailOption('hunter2-password', 'Navien option `email`', 'navien'));
    expect(error.message).toContain('Navien option `email`');
    expect(error.message).not.toContain('hunter2');
    expect(error).toMatchObject({ vendor: 'navien' });
    failure(() => checkEmailOption(42, 'option `email`'));
  });

  it('checkSecretOption: a string becomes a Secret, a Secret passes, empty is refused, nothing is echoed', () => {
    const fromString = checkSecretOption('hunter2', 'option `password`');
    expect(fromString).toBeInstanceOf(Secret);
    expect(fromString?.reveal()).toBe('hunter2');
    const secret = new Secret('s3cret');
    expect(checkSecretOption(secret, 'option `password`')).toBe(secret);
    expect(checkSecretOption(undefined, 'option `password`')).toBeUndefined();
    for (const value of ['', new Secret(''), 42, { password: 'hunter2' }]) {
      const error = failure(() => checkSecretOption(value, 'Evrim option `password`', 'evrim'));
      expect(error.message).toContain('Evrim option `password`');
      expect(error.message).not.toContain('hunter2');
      expect(error).toMatchObject({ vendor: 'evrim' });
    }
  });

  it('checkSignalOption accepts an AbortSignal only', () => {
    const signal = AbortSignal.abort();
    expect(checkSignalOption(signal, 'option `signal`')).toBe(signal);
    expect(checkSignalOption(undefined, 'option `signal`')).toBeUndefined();
    expect(failure(() => checkSignalOption({ aborted: true }, 'X option `signal`', 'x')).message).toContain(
      'X option `signal` must be an AbortSignal',
    );
  });

  it('checkFetchOption accepts a function only', () => {
    expect(checkFetchOption(globalThis.fetch, 'option `fetch`')).toBe(globalThis.fetch);
    expect(checkFetchOption(undefined, 'option `fetch`')).toBeUndefined();
    expect(failure(() => checkFetchOption({}, 'X option `fetch`', 'x')).message).toContain(
      'X option `fetch` must be a fetch function',
    );
  });
});
