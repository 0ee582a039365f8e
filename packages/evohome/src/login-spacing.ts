import { type Clock, RateLimitError, type TokenStore } from '@tokenwise/auth-core/vendor';
import { z } from 'zod';
import { VENDOR } from './constants.js';

const recordSchema = z.object({ at: z.number().finite() });

/** Store key of an account's last login attempt (V1 and V2 alike). */
export function loginSpacingKey(account: string): string {
  return `login-spacing:${VENDOR}:${account}`;
}

/**
 * Keeps password logins of one account, V1 and V2 together, at least
 * `intervalMs` apart across everything sharing the store. The vendor answers
 * a second login within ~10 s with 429 and a lock-out of 10 minutes or more,
 * so refusing locally for the few seconds left is far cheaper. The refusal
 * is a `RateLimitError`, which the session manager shares through the store
 * like a real 429.
 */
export class LoginSpacing {
  readonly #store: TokenStore;
  readonly #key: string;
  readonly #intervalMs: number;

  constructor(store: TokenStore, account: string, intervalMs: number) {
    this.#store = store;
    this.#key = loginSpacingKey(account);
    this.#intervalMs = intervalMs;
  }

  /** Records a login attempt now, or throws `RateLimitError` when the previous one is too recent. */
  async claim(clock: Clock): Promise<void> {
    if (this.#intervalMs <= 0) return;
    await this.#store.withLock(this.#key, async () => {
      const now = clock.now();
      const previous = recordSchema.safeParse(await this.#store.get(this.#key));
      // A record "from the future" (a clock turned back) does not block for longer than one interval.
      const waitMs = previous.success
        ? Math.min(previous.data.at + this.#intervalMs - now, this.#intervalMs)
        : 0;
      if (waitMs > 0) {
        throw new RateLimitError(
          `evohome: this account logged in (V1 or V2) less than ${Math.ceil(this.#intervalMs / 1000)} s ago; the vendor would answer 429 and lock logins out for 10 minutes, so this login waits ${Math.ceil(waitMs / 1000)} s`,
          { retryAfterMs: waitMs, vendor: VENDOR },
        );
      }
      await this.#store.set(this.#key, { at: now }, { expiresAt: now + this.#intervalMs });
    });
  }
}
