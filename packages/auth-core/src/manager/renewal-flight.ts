import type { RenewalPlan } from './renewal-plan.js';

/**
 * The one renewal in flight for a manager: every caller that asks while it
 * runs joins it. A login asked for while a refresh runs is not answered by
 * that refresh: one login is queued behind it, shared by everyone who asks
 * meanwhile.
 */
export class RenewalFlight<S> {
  readonly #start: (plan: RenewalPlan) => Promise<S>;
  #pending: Promise<S> | undefined;
  #pendingIsLogin = false;
  #queuedLogin: Promise<S> | undefined;

  constructor(start: (plan: RenewalPlan) => Promise<S>) {
    this.#start = start;
  }

  join(plan: RenewalPlan): Promise<S> {
    if (plan.login && this.#pending !== undefined && !this.#pendingIsLogin) {
      this.#queuedLogin ??= this.#pending
        .catch(() => undefined)
        .then(() => {
          this.#queuedLogin = undefined;
          return this.join(plan);
        });
      return this.#queuedLogin;
    }
    if (this.#pending === undefined) {
      this.#pendingIsLogin = plan.login;
      this.#pending = this.#start(plan).finally(() => {
        this.#pending = undefined;
      });
    }
    return this.#pending;
  }
}
