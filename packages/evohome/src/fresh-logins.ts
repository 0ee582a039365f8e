import type { Clock } from '@tokenwise/auth-core/vendor';

/** How many recent credentials one strategy remembers; a client renews one at a time. */
const KEEP = 4;

/**
 * Credentials this strategy obtained itself, with when. A 401 on a credential
 * the vendor issued moments ago is not an expiry (it cannot be, with 15 min
 * and 30 min lifetimes): renewing would be a second login within the
 * vendor's ~10 s window, which trips the account-wide lock-out of 10 minutes
 * or more. Such a 401 is surfaced as an `ApiError` instead.
 */
export class FreshLogins {
  readonly #windowMs: number;
  readonly #obtained = new Map<string, { at: number; clock: Clock }>();

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  /** Records a credential obtained at `clock.now()` (the manager's clock). */
  record(credential: string, clock: Clock): void {
    this.#obtained.set(credential, { at: clock.now(), clock });
    for (const key of this.#obtained.keys()) {
      if (this.#obtained.size <= KEEP) break;
      this.#obtained.delete(key);
    }
  }

  /** True when `credential` was obtained here less than the window ago. */
  isFresh(credential: string | null | undefined): boolean {
    if (this.#windowMs <= 0 || !credential) return false;
    const entry = this.#obtained.get(credential);
    return entry !== undefined && entry.clock.now() - entry.at < this.#windowMs;
  }
}
