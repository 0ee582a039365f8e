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

/**
 * The argument checks of one command, bound to the call they belong to: each
 * names its argument as ``<owner> `<argument>` `` and checks against `model`.
 */
export interface CommandArguments {
  /** {@link checkSwitch} for the named argument. */
  switch(value: unknown, argument: string): boolean;
  /** {@link checkChoice} for the named argument. */
  choice<T extends string | number>(value: unknown, choices: readonly T[], argument: string): T;
  /** {@link checkIntegerIn} for the named argument. */
  integerIn(value: unknown, min: number, max: number, argument: string): number;
}

/** The {@link CommandArguments} of the call `owner` (e.g. `purifier.setMode()`) on a `model`. */
export function commandArguments(owner: string, model: string): CommandArguments {
  const name = (argument: string) => `${owner} \`${argument}\``;
  return {
    switch: (value, argument) => checkSwitch(value, name(argument)),
    choice: <T extends string | number>(value: unknown, choices: readonly T[], argument: string) =>
      checkChoice(value, choices, name(argument), model),
    integerIn: (value, min, max, argument) => checkIntegerIn(value, min, max, name(argument), model),
  };
}
