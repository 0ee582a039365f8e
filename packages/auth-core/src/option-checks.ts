import { ConfigurationError } from './errors.js';

/** Throws a ConfigurationError naming `name` unless `value` is a finite number >= 0 (or undefined). */
export function checkDurationOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(`${name} must be a finite number of milliseconds >= 0`);
  }
  return value;
}

/** Throws a ConfigurationError naming `name` unless every listed member of `value` is a function. */
export function checkMethods(value: unknown, name: string, methods: readonly string[]): void {
  const missing =
    typeof value !== 'object' || value === null
      ? methods
      : methods.filter((m) => typeof (value as Record<string, unknown>)[m] !== 'function');
  if (missing.length > 0) {
    throw new ConfigurationError(`${name} must have ${missing.map((m) => `${m}()`).join(', ')}`);
  }
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
