import { checkStringOption } from '../option-checks.js';
import { configurationError, describeKind } from '../option-object.js';
import { Secret } from '../secret.js';

/** Throws a ConfigurationError naming `name` unless `value` is undefined or an `AbortSignal`. */
export function checkSignalOption(value: unknown, name: string, vendor?: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) {
    throw configurationError(`${name} must be an AbortSignal, got ${describeKind(value)}`, vendor);
  }
  return value;
}

/** Throws a ConfigurationError naming `name` unless `value` is undefined or a `fetch`-like function. */
export function checkFetchOption(
  value: unknown,
  name: string,
  vendor?: string,
): typeof globalThis.fetch | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw configurationError(`${name} must be a fetch function, got ${describeKind(value)}`, vendor);
  }
  return value as typeof globalThis.fetch | undefined;
}

// Loose on purpose (vendors accept plus-addresses, IDN, sub-domains): it catches a password or a
// user name typed where the e-mail goes, not every RFC 5322 corner.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Throws a ConfigurationError naming `name` unless `value` is undefined or an
 * e-mail address; returns it trimmed. The value is never echoed.
 */
export function checkEmailOption(value: unknown, name: string, vendor?: string): string | undefined {
  const text = checkStringOption(value, name, vendor)?.trim();
  if (text !== undefined && !EMAIL.test(text)) {
    throw configurationError(`${name} must be an e-mail address such as "me@example.com"`, vendor);
  }
  return text;
}

/**
 * Throws a ConfigurationError naming `name` unless `value` is undefined, a
 * non-empty string or a non-empty `Secret`; returns it as a `Secret`.
 */
export function checkSecretOption(value: unknown, name: string, vendor?: string): Secret | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return new Secret(value);
  if (value instanceof Secret && !value.isEmpty) return value;
  // A Secret from another copy of core: duck-typed, as stores are.
  if (typeof value === 'object' && value !== null && typeof (value as Secret).reveal === 'function') {
    const text = (value as Secret).reveal();
    if (typeof text === 'string' && text !== '') return new Secret(text);
  }
  throw configurationError(
    `${name} must be a non-empty string or Secret, got ${describeKind(value)}`,
    vendor,
  );
}
