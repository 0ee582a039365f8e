import { configurationError, describeKind } from './option-object.js';

/** Throws a ConfigurationError naming `name` unless `value` is a finite number >= 0 (or undefined). */
export function checkDurationOption(value: unknown, name: string, vendor?: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw configurationError(`${name} must be a finite number of milliseconds >= 0`, vendor);
  }
  return value;
}

/** Throws a ConfigurationError naming `name` unless `value` is undefined or a whole number >= 0 (e.g. `retries`). */
export function checkCountOption(value: unknown, name: string, vendor?: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw configurationError(`${name} must be a whole number >= 0, got ${describeValue(value)}`, vendor);
  }
  return value;
}

/** The longest delay a timer (and ky) accepts; Node fires longer ones after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Throws a ConfigurationError naming `name` (and `vendor`, when given) unless
 * `value` is undefined or a finite number of milliseconds in (0, {@link MAX_TIMER_MS}].
 * `0`, negative,
 * `NaN` and text are refused: they would make every call time out (or never).
 */
export function checkTimeoutOption(value: unknown, name: string, vendor?: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw configurationError(
      `${name} must be a number of milliseconds > 0 and <= ${MAX_TIMER_MS}, got ${describeValue(value)}`,
      vendor,
    );
  }
  return value;
}

/** Throws a ConfigurationError naming `name` unless `value` is undefined or a function (e.g. a `fetch`). */
export function checkFunctionOption(value: unknown, name: string, vendor?: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw configurationError(`${name} must be a function, got ${describeKind(value)}`, vendor);
  }
}

/** Throws a ConfigurationError naming `name` unless `value` is undefined or a boolean. */
export function checkBooleanOption(value: unknown, name: string, vendor?: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw configurationError(`${name} must be true or false, got ${describeKind(value)}`, vendor);
  }
  return value;
}

/**
 * Throws a ConfigurationError naming `name` unless `value` is undefined or a
 * non-empty (not only whitespace) string. The value itself is never quoted:
 * it may be a password or key.
 */
export function checkStringOption(value: unknown, name: string, vendor?: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw configurationError(`${name} must be a non-empty string, got ${describeKind(value)}`, vendor);
  }
  return value;
}

/**
 * Throws a ConfigurationError naming `name` unless `value` is undefined or a
 * non-empty string that can be sent as an HTTP header value: no CR, LF or NUL
 * (header injection; `fetch` would throw a raw TypeError at call time) and no
 * character above U+00FF (not a ByteString).
 */
export function checkHeaderValueOption(value: unknown, name: string, vendor?: string): string | undefined {
  const text = checkStringOption(value, name, vendor);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters refused
  if (text !== undefined && /[\r\n\0]|[^\u0000-\u00ff]/.test(text)) {
    throw configurationError(
      `${name} must be usable as an HTTP header value: no line breaks, NUL or characters above U+00FF`,
      vendor,
    );
  }
  return text;
}

// Numbers are safe to echo (they are never secrets) and make the mistake obvious.
function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeKind(value);
}

/** Throws a ConfigurationError naming `name` unless every listed member of `value` is a function. */
export function checkMethods(
  value: unknown,
  name: string,
  methods: readonly string[],
  vendor?: string,
): void {
  const missing =
    typeof value !== 'object' || value === null
      ? methods
      : methods.filter((m) => typeof (value as Record<string, unknown>)[m] !== 'function');
  if (missing.length > 0) {
    throw configurationError(`${name} must have ${missing.map((m) => `${m}()`).join(', ')}`, vendor);
  }
}

/**
 * Throws a ConfigurationError naming `name` unless `value` has a `TokenStore`'s
 * methods. One list for the manager and for clients that build their manager
 * later, so a bad store is refused at construction with the same words.
 */
export function checkStoreOption(value: unknown, name: string, vendor?: string): void {
  checkMethods(value, name, ['get', 'set', 'delete', 'withLock'], vendor);
}

/** Throws a ConfigurationError naming `name` unless `value` is a `Clock` (has `now()`). */
export function checkClockOption(value: unknown, name: string, vendor?: string): void {
  checkMethods(value, name, ['now'], vendor);
}

/** JSON text of a store value, or a StoreError-worthy message when it is not JSON-serialisable. */
export function toJsonText(value: unknown): string | Error {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? new Error('undefined is not a JSON value') : text;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
