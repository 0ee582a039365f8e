import type { Clock } from '../clock.js';

/** A clock that only moves when told to. Drives expiry in tests and mock clouds. */
export class FakeClock implements Clock {
  #now: number;

  constructor(start: number = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  /** The fake current time, epoch ms: the start, moved only by `advance` and `set`. */
  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.#now += ms;
  }

  /** Jumps to an absolute time (epoch ms). */
  set(epochMs: number): void {
    this.#now = epochMs;
  }
}
