import {
  type Clock,
  isAuthenticationFailure,
  type SessionManager,
  type TokenStore,
} from '@tokenwise/auth-core/vendor';
import type { CloudStrategy } from './cloud-strategy.js';
import type { CozifyCloudSession } from './schemas.js';

/** What a refresh-window check did. */
export type RefreshOutcome =
  /** `refreshsession` gave a new token (here or, just before, in another process). */
  | 'refreshed'
  /** The token is valid and was renewed inside the window: no request was made. */
  | 'not-due'
  /** No valid token to renew (missing, expired or refused): only an OTP login helps. */
  | 'unavailable';

/** Options of {@link RefreshWindow.run}. */
export interface RefreshRunOptions {
  /** Renew even inside the window. */
  force?: boolean;
  /** The window: renew when the last renewal is older than this. */
  windowMs: number;
}

/**
 * python-cozify's refresh rule: renew the cloud token when the last renewal
 * is older than the window (1 day by default), and only while it is still
 * valid. The last renewal is the session's `issuedAt`, so it travels with the
 * token through the store: a process that sees a token another one just
 * renewed does not renew it again. A lock of its own (not the session's)
 * makes processes that reach the window together renew once.
 */
export class RefreshWindow {
  readonly #manager: SessionManager<CozifyCloudSession>;
  readonly #strategy: CloudStrategy;
  readonly #store: TokenStore;
  readonly #clock: Clock;

  constructor(
    manager: SessionManager<CozifyCloudSession>,
    strategy: CloudStrategy,
    store: TokenStore,
    clock: Clock,
  ) {
    this.#manager = manager;
    this.#strategy = strategy;
    this.#store = store;
    this.#clock = clock;
  }

  /** True when the in-memory token is past the window (cheap: no I/O). */
  isDue(windowMs: number): boolean {
    const session = this.#manager.peek();
    return session === undefined || this.#clock.now() - session.issuedAt > windowMs;
  }

  /** Applies the rule; see {@link RefreshOutcome}. Errors other than a refusal (5xx, network) propagate. */
  async run(options: RefreshRunOptions): Promise<RefreshOutcome> {
    const seen = this.#manager.peek() ?? (await this.#manager.restore());
    if (seen === undefined) return 'unavailable';
    if (!options.force && !this.#due(seen, options.windowMs)) return 'not-due';
    return this.#store.withLock(`${this.#manager.key}#refresh`, async () => {
      const latest = await this.#manager.restore();
      if (latest === undefined) return 'unavailable';
      if (latest.cloudToken !== seen.cloudToken && !this.#due(latest, options.windowMs)) {
        return options.force ? 'refreshed' : 'not-due';
      }
      if (!options.force && !this.#due(latest, options.windowMs)) return 'not-due';
      let next: CozifyCloudSession;
      try {
        next = await this.#strategy.refresh(latest, {
          signal: AbortSignal.timeout(30_000),
          clock: this.#clock,
        });
      } catch (error) {
        if (!isAuthenticationFailure(error)) throw error;
        this.#manager.invalidate(latest, 'refreshsession refused the token');
        return 'unavailable';
      }
      await this.#manager.setSession(next);
      return 'refreshed';
    });
  }

  #due(session: CozifyCloudSession, windowMs: number): boolean {
    return this.#clock.now() - session.issuedAt > windowMs;
  }
}
