import type { Clock } from '../clock.js';
import type { SessionBase } from '../session.js';
import type { AuthStrategy } from '../strategy.js';

const MAX_BAD_TOKENS = 16;

/**
 * When a session must be renewed, and which tokens the vendor rejected.
 * Renewal is due at the earliest of "expiry minus margin and skew" and the
 * strategy's own `renewAt` (a refresh window, credentials inside the session
 * that expire first).
 */
export class Freshness<S extends SessionBase> {
  readonly #strategy: AuthStrategy<S>;
  readonly #clock: Clock;
  readonly #margin: number;
  readonly #skew: number;
  readonly #badTokens = new Set<string>();

  constructor(strategy: AuthStrategy<S>, clock: Clock, marginMs: number, skewMs: number) {
    this.#strategy = strategy;
    this.#clock = clock;
    this.#margin = marginMs;
    this.#skew = skewMs;
  }

  /** Usable without renewing first: not rejected, not due. */
  isFresh(session: S): boolean {
    if (this.isBad(session)) return false;
    const now = this.#clock.now();
    // A session minted "in the future" means our clock went backwards: trust nothing about it.
    if (session.issuedAt > now + this.#skew + 60_000) return false;
    const due = this.renewAt(session);
    return due === undefined || now < due;
  }

  /**
   * When renewal is due (epoch ms), or `undefined` for a session that never
   * needs it. A margin longer than half the session's lifetime is cut to half,
   * so a short-lived session is not renewed on every call.
   */
  renewAt(session: S): number | undefined {
    const expiresAt = session.expiresAt;
    let due: number | undefined;
    if (expiresAt !== undefined) {
      const lifetime = expiresAt - session.issuedAt;
      const margin = lifetime > 0 ? Math.min(this.#margin, lifetime / 2) : this.#margin;
      due = expiresAt - margin - this.#skew;
    }
    const own = this.#strategy.renewAt?.(session);
    if (typeof own === 'number' && Number.isFinite(own)) due = due === undefined ? own : Math.min(due, own);
    return due;
  }

  /** Past its expiry (with skew): unusable even as a fallback. */
  isExpired(session: S): boolean {
    return session.expiresAt !== undefined && this.#clock.now() + this.#skew >= session.expiresAt;
  }

  /** Neither expired nor rejected: good enough to keep serving when a renewal fails. */
  isUsable(session: S): boolean {
    return !this.isExpired(session) && !this.isBad(session);
  }

  isBad(session: S): boolean {
    return this.#badTokens.has(this.#strategy.token(session));
  }

  markBad(session: S): void {
    this.#badTokens.add(this.#strategy.token(session));
    if (this.#badTokens.size > MAX_BAD_TOKENS) {
      const oldest = this.#badTokens.values().next().value;
      if (oldest !== undefined) this.#badTokens.delete(oldest);
    }
  }

  clearBad(session: S): void {
    this.#badTokens.delete(this.#strategy.token(session));
  }
}
