/** What {@link LoginThrottle.attempt} decided. */
export type ThrottleVerdict = 'allowed' | 'locked';

/**
 * The vendor's per-account login limit, shared by V1 and V2: a second login
 * attempt within `windowMs` of the previous one trips a lock-out of
 * `lockoutMs`, during which every attempt is refused. Calls made with a
 * valid session are never counted.
 */
export class LoginThrottle {
  readonly #windowMs: number;
  readonly #lockoutMs: number;
  readonly #lastAttempt = new Map<string, number>();
  readonly #lockedUntil = new Map<string, number>();

  constructor(windowMs: number, lockoutMs: number) {
    this.#windowMs = windowMs;
    this.#lockoutMs = lockoutMs;
  }

  /** Records a login attempt of `account` at `now`. */
  attempt(account: string, now: number): ThrottleVerdict {
    const key = account.toLowerCase();
    if ((this.#lockedUntil.get(key) ?? 0) > now) return 'locked';
    const last = this.#lastAttempt.get(key);
    this.#lastAttempt.set(key, now);
    if (this.#windowMs > 0 && last !== undefined && now - last < this.#windowMs) {
      this.#lockedUntil.set(key, now + this.#lockoutMs);
      return 'locked';
    }
    return 'allowed';
  }

  /** Milliseconds of lock-out left for `account` (0 when none). */
  lockedForMs(account: string, now: number): number {
    return Math.max(0, (this.#lockedUntil.get(account.toLowerCase()) ?? 0) - now);
  }
}
