import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../src/errors.js';
import {
  checkBooleanOption,
  checkCountOption,
  checkFunctionOption,
  checkHeaderValueOption,
  checkStringOption,
  checkTimeoutOption,
  MAX_TIMER_MS,
} from '../src/option-checks.js';
import { checkOptionsObject, closestKey, type OptionKeys } from '../src/option-object.js';

interface DemoOptions {
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  userAgent?: string;
}
const DEMO_KEYS = {
  baseUrl: true,
  timeoutMs: true,
  fetch: true,
  userAgent: true,
} satisfies OptionKeys<DemoOptions>;

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
};

describe('checkOptionsObject', () => {
  it('accepts undefined and plain objects of known keys', () => {
    expect(checkOptionsObject(undefined, 'Demo', DEMO_KEYS)).toEqual({});
    const options = { baseUrl: 'http://127.0.0.1:1', timeoutMs: undefined };
    expect(checkOptionsObject(options, 'Demo', DEMO_KEYS)).toBe(options);
    expect(checkOptionsObject(Object.create(null), 'Demo', ['baseUrl'])).toEqual({});
  });

  it.each([
    [null, 'got null'],
    ['https://x', 'got a string'],
    [42, 'got a number'],
    [['baseUrl'], 'got an array'],
    [() => ({}), 'got a function'],
    [new Map(), 'got a Map'],
  ])('refuses %o as the options', (value, kind) => {
    const message = messageOf(() => checkOptionsObject(value, 'Demo', DEMO_KEYS));
    expect(message).toContain('Demo options must be an object');
    expect(message).toContain(kind);
  });

  it.each([
    ['baseURL', 'baseUrl'],
    ['base_url', 'baseUrl'],
    ['baseUri', 'baseUrl'],
    ['timeout', 'timeoutMs'],
    ['useragent', 'userAgent'],
    ['url', 'baseUrl'],
    ['agent', 'userAgent'],
  ])('names an unknown key %s and suggests %s', (key, suggestion) => {
    const message = messageOf(() => checkOptionsObject({ [key]: 'x' }, 'Demo', DEMO_KEYS));
    expect(message).toContain(`Demo option \`${key}\` is not a known option`);
    expect(message).toContain(`did you mean \`${suggestion}\`?`);
  });

  it('suggests nothing for a key unlike any known one, but lists the known ones', () => {
    const message = messageOf(() => checkOptionsObject({ colour: 'red' }, 'Demo', DEMO_KEYS));
    expect(message).not.toContain('did you mean');
    expect(message).toContain('known options: `baseUrl`, `timeoutMs`, `fetch`, `userAgent`');
    expect(closestKey('zzzzzzzz', ['baseUrl'])).toBeUndefined();
    expect(closestKey('baseURL', ['url', 'username'])).toBe('url');
    expect(closestKey('host', ['hostname', 'fetch'])).toBe('hostname');
  });

  it('tags the error with the vendor when one is given', () => {
    const tagged = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as ConfigurationError).vendor;
      }
      return 'no error';
    };
    expect(tagged(() => checkOptionsObject(null, 'Demo', DEMO_KEYS, 'demo'))).toBe('demo');
    expect(tagged(() => checkOptionsObject({ x: 1 }, 'Demo', DEMO_KEYS, 'demo'))).toBe('demo');
    expect(tagged(() => checkTimeoutOption(-1, 'x', 'demo'))).toBe('demo');
    expect(tagged(() => checkHeaderValueOption('a\nb', 'x', 'demo'))).toBe('demo');
    expect(tagged(() => checkTimeoutOption(-1, 'x'))).toBeUndefined();
  });

  it('never quotes the values of the options', () => {
    const message = messageOf(() => checkOptionsObject({ pasword: 'hunter2-secret' }, 'Demo', ['password']));
    expect(message).toContain('did you mean `password`?');
    expect(message).not.toContain('hunter2');
  });
});

describe('per-option checkers name the option', () => {
  it('checkTimeoutOption: a finite number of ms > 0 that a timer can hold', () => {
    expect(checkTimeoutOption(undefined, 'x')).toBeUndefined();
    expect(checkTimeoutOption(1, 'x')).toBe(1);
    expect(checkTimeoutOption(MAX_TIMER_MS, 'x')).toBe(MAX_TIMER_MS);
    for (const bad of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, MAX_TIMER_MS + 1, 'abc', '5000', null]) {
      expect(messageOf(() => checkTimeoutOption(bad, 'Demo option `timeoutMs`'))).toContain(
        'Demo option `timeoutMs` must be a number of milliseconds > 0',
      );
    }
    expect(messageOf(() => checkTimeoutOption(-1, 'timeoutMs'))).toContain('got -1');
    expect(messageOf(() => checkTimeoutOption('abc', 'timeoutMs'))).toContain('got a string');
  });

  it('checkCountOption: a whole number >= 0', () => {
    expect(checkCountOption(0, 'x')).toBe(0);
    expect(checkCountOption(3, 'x')).toBe(3);
    for (const bad of [-1, 1.5, Number.NaN, '2', null]) {
      expect(messageOf(() => checkCountOption(bad, 'Demo option `retries`'))).toContain(
        'Demo option `retries` must be a whole number >= 0',
      );
    }
  });

  it('checkFunctionOption', () => {
    expect(() => checkFunctionOption(undefined, 'x')).not.toThrow();
    expect(() => checkFunctionOption(fetch, 'x')).not.toThrow();
    expect(messageOf(() => checkFunctionOption('x', 'Demo option `fetch`'))).toBe(
      'Demo option `fetch` must be a function, got a string',
    );
    expect(messageOf(() => checkFunctionOption(null, 'Demo option `fetch`'))).toContain('got null');
  });

  it('checkBooleanOption', () => {
    expect(checkBooleanOption(false, 'x')).toBe(false);
    expect(messageOf(() => checkBooleanOption('yes', 'Demo option `flag`'))).toContain('Demo option `flag`');
  });

  it('checkStringOption: non-empty, never quoting the value', () => {
    expect(checkStringOption('a', 'x')).toBe('a');
    for (const bad of ['', '   ', 5, null]) {
      expect(messageOf(() => checkStringOption(bad, 'Demo option `password`'))).toContain(
        'Demo option `password` must be a non-empty string',
      );
    }
  });

  it('checkHeaderValueOption: refuses CR, LF, NUL and non-ByteString characters', () => {
    expect(checkHeaderValueOption('tokenwise/1.0 (café)', 'x')).toBe('tokenwise/1.0 (café)');
    for (const bad of ['a\r\nb', 'a\nX-Injected: 1', 'a\0b', 'a€b']) {
      const message = messageOf(() => checkHeaderValueOption(bad, 'Demo option `userAgent`'));
      expect(message).toContain('Demo option `userAgent` must be usable as an HTTP header value');
      expect(message).not.toContain('Injected');
    }
    expect(messageOf(() => checkHeaderValueOption(7, 'Demo option `userAgent`'))).toContain(
      'non-empty string',
    );
  });
});
