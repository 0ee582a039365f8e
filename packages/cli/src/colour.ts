import type { Writable } from 'node:stream';

/** The few styles `status` uses. */
export type Style = 'red' | 'yellow' | 'green' | 'dim' | 'bold';

const CODES: Readonly<Record<Style, readonly [number, number]>> = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/** Applies a style to a piece of text, or returns it unchanged when colour is off. */
export type Paint = (style: Style, text: string) => string;

/**
 * Colour only on a terminal, as people expect of CLIs: `NO_COLOR` (any
 * non-empty value) turns it off, `FORCE_COLOR` (not `0`/`false`) turns it on
 * even in a pipe, and `TERM=dumb` has none.
 */
export function useColour(stream: Writable & { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** A {@link Paint} for a stream: ANSI styles when {@link useColour} says so, plain text otherwise. */
export function painter(stream: Writable & { isTTY?: boolean }, env: NodeJS.ProcessEnv): Paint {
  if (!useColour(stream, env)) return (_style, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}
