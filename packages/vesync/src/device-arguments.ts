import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { VENDOR } from './constants.js';

function fail(message: string): never {
  throw new ConfigurationError(message, { vendor: VENDOR });
}

/** A command's on/off argument: a boolean, nothing else. */
export function checkSwitch(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') fail(`${name} must be true or false`);
  return value;
}

/** A command's argument that must be one of the model's values (a level, a mode). */
export function checkChoice<T extends string | number>(
  value: unknown,
  choices: readonly T[],
  name: string,
  model: string,
): T {
  if (!choices.includes(value as T)) {
    const got = typeof value === 'string' ? `'${value}'` : String(value);
    fail(`${name} must be one of ${choices.join(', ')} on a ${model} (got ${got.slice(0, 40)})`);
  }
  return value as T;
}

/** An integer argument within an inclusive range. */
export function checkIntegerIn(
  value: unknown,
  min: number,
  max: number,
  name: string,
  model: string,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max} on a ${model}`);
  }
  return value;
}
