/** Source of the current time in epoch milliseconds. Inject a fake one in tests. */
export interface Clock {
  /** The current time, epoch ms. */
  now(): number;
}

/** The real clock (`Date.now`). */
export const systemClock: Clock = { now: () => Date.now() };
