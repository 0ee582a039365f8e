import type { Clock } from '../clock.js';
import type { OptionKeys } from '../option-object.js';
import type { SessionBase } from '../session.js';
import type { TokenStore } from '../store/token-store.js';
import type { AuthStrategy } from '../strategy.js';

/** Options of {@link SessionManager}. */
export interface SessionManagerOptions<S extends SessionBase> {
  /** The vendor flow. */
  strategy: AuthStrategy<S>;
  /** Where sessions are shared and persisted. Default: a new `MemoryStore` (this instance only). */
  store?: TokenStore | undefined;
  /** Time source. Default: the system clock. */
  clock?: Clock | undefined;
  /** Renew this long before `expiresAt`. Default: the strategy's, else 60 000 ms. `0` renews only at expiry. */
  refreshMarginMs?: number | undefined;
  /** How far the vendor's clock may be ahead of ours. Added to the margin. Default 5 000 ms. */
  clockSkewMs?: number | undefined;
  /** Deadline of one shared renewal (login or refresh), independent of callers' signals. Default 60 000 ms. */
  renewTimeoutMs?: number | undefined;
  /** Sliding sessions: persist a touched expiry at most this often. Default 60 000 ms. */
  touchPersistIntervalMs?: number | undefined;
  /**
   * Longest login/refresh back-off kept after a rate limit, and the most a
   * stored back-off is honoured for. Default 3 600 000 ms (one hour). `0`
   * keeps none. See `boundedBackOff` for how a requested wait is treated.
   */
  maxBackOffMs?: number | undefined;
}

// Kept in step with SessionManagerOptions by the compiler: JavaScript callers get unknown keys refused.
export const SESSION_MANAGER_OPTION_KEYS = {
  strategy: true,
  store: true,
  clock: true,
  refreshMarginMs: true,
  clockSkewMs: true,
  renewTimeoutMs: true,
  touchPersistIntervalMs: true,
  maxBackOffMs: true,
} as const satisfies OptionKeys<SessionManagerOptions<SessionBase>>;

/** Counters of what a manager did; handy for logs and the demo. */
export interface SessionManagerStats {
  logins: number;
  refreshes: number;
  restores: number;
  invalidations: number;
  rateLimited: number;
}

/** Options of {@link SessionManager.renew}. */
export interface RenewOptions {
  /** Detaches this caller only; the shared renewal carries on. */
  signal?: AbortSignal | undefined;
  /** Skip the refresh and do a full login (e.g. for credentials only a login returns). */
  login?: boolean | undefined;
  /**
   * `false`: when the vendor refuses the refresh token (`TokenRefreshError`),
   * throw that error instead of falling back to a login — an explicit
   * "refresh" that must not turn into a password sign-in. Other
   * authentication failures of the refresh still lead to a login. Default `true`.
   */
  loginIfRefreshRefused?: boolean | undefined;
}

/** Options of {@link SessionManager.adopt}. */
export interface AdoptOptions {
  /**
   * How the session handed in is checked before it is used:
   * - `'verify'` (default when the strategy has `verify`): the vendor is asked whether it accepts it;
   * - `'refresh'`: its refresh credential is spent once and only the renewed session is kept (the
   *   one handed in may hold nothing else, e.g. a bare refresh token);
   * - `'none'`: local checks only (schema, expiry).
   */
  check?: 'verify' | 'refresh' | 'none' | undefined;
  /**
   * When a usable session already in the store wins over the one handed in:
   * `'newer'` (default) when it was issued no earlier, `'always'` whenever it is usable.
   */
  preferStored?: 'newer' | 'always' | undefined;
  /** `false`: this instance only; the store is neither read nor written. Default `true`. */
  persist?: boolean | undefined;
  /** Detaches this caller only. */
  signal?: AbortSignal | undefined;
}
