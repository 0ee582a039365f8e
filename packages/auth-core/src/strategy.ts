import type { z } from 'zod';
import type { Clock } from './clock.js';
import type { RequestParts } from './http/request-parts.js';
import type { SessionBase } from './session.js';

/** What a strategy gets when it must talk to the vendor to mint a session. */
export interface AuthContext<S extends SessionBase = SessionBase> {
  /** Aborts when the renewal's own deadline passes (never a single caller's signal). */
  signal: AbortSignal;
  /** The manager's clock: use it for `issuedAt`/`expiresAt`. */
  clock: Clock;
  /**
   * The session being replaced (stored or in memory), expired or rejected.
   * Lets a login keep per-account facts across logins (a device id the
   * vendor remembers, a region it redirected to) without reading the store.
   */
  previous?: S | undefined;
}

/**
 * One vendor flow, in the octokit strategy style: the vendor-specific half of
 * authentication. The session manager owns everything else (caching, sharing,
 * locking, storing, throttling, retrying).
 */
export interface AuthStrategy<S extends SessionBase> {
  /** Vendor name; first half of the store key. */
  readonly vendor: string;
  /** Account identity; second half of the store key. */
  readonly account: string;
  /** Validates a session read back from a store; a mismatch is treated as "no session". */
  readonly schema: z.ZodType<S>;
  /**
   * Key under which login back-offs are shared. Defaults to `vendor:account`;
   * set it when two flows of one vendor share one login rate limit.
   */
  readonly throttleKey?: string;
  /** Back-off after a 429 without a usable `Retry-After`. Default 60 s. */
  readonly defaultRateLimitMs?: number;
  /** Renew this long before `expiresAt`. Overrides the manager's default. */
  readonly refreshMarginMs?: number;
  /**
   * Minimum time between two logins under the throttle key, kept across every
   * instance sharing the store (a vendor that locks an account out when
   * logins come closer). A login asked for sooner fails with a
   * `RateLimitError` for the rest of the interval, shared like a 429.
   */
  readonly minLoginIntervalMs?: number;

  /**
   * Renewal due before expiry (epoch ms), for a renewal policy of the
   * vendor's own: a refresh window ("renew once a day while valid"),
   * credentials inside the session that expire before it. The manager renews
   * at the earlier of this and "expiry minus margin", through its one
   * single-flight renewal. `undefined`: expiry alone decides.
   */
  renewAt?(session: S): number | undefined;
  /**
   * Asks the vendor whether a session handed in from outside (a saved token,
   * a token file) is accepted, for `SessionManager.adopt`. Returns the session
   * to keep — possibly completed (a region found, a lifetime learnt) — or
   * `undefined` when the vendor refuses it. Other failures (network, 5xx) throw.
   */
  verify?(session: S, context: AuthContext<S>): Promise<S | undefined>;

  /** Full login with the long-lived credentials. Throws core errors. */
  login(context: AuthContext<S>): Promise<S>;
  /**
   * Renews without the password. Throw an {@link AuthenticationError}
   * subclass when the vendor rejects the refresh (the manager then logs in);
   * any other error is surfaced and the stored session is kept.
   */
  refresh?(session: S, context: AuthContext<S>): Promise<S>;
  /**
   * Adds the session's credentials to one attempt's request parts, before the
   * request is built: set a header, edit `parts.url`, or assign a new
   * `parts.json`. Called again for every attempt (retries, the replay after a
   * rejection), each time with fresh parts and the session of that attempt.
   */
  authorize(parts: RequestParts, session: S): void | Promise<void>;
  /**
   * True when a response means "this session is not accepted" (401, or a
   * vendor code inside a 200). `response` holds the already-read body:
   * reading it is safe. `parts` are the authorized parts that were sent.
   */
  isAuthFailure(response: Response, parts: RequestParts): boolean | Promise<boolean>;
  /**
   * Set to `true` when the vendor only ever signals an auth failure with an
   * HTTP error status (401/403...). Successful responses then skip
   * `isAuthFailure` — cheaper on the hot path. Leave unset
   * for vendors that put "token expired" codes inside HTTP 200 bodies.
   */
  readonly authFailureOnlyOnErrorStatus?: boolean;
  /** The credential that authorizes requests; used for compare-and-swap invalidation. */
  token(session: S): string;
  /**
   * Until when a stored session is worth keeping (epoch ms), passed to
   * stores with expiry such as Redis. Default: `expiresAt` for strategies
   * without `refresh`, no expiry for those with one (a refresh token usually
   * outlives the access token).
   */
  storeExpiresAt?(session: S): number | undefined;
  /** Sliding expiry: the session after a successful use at `now`. */
  touch?(session: S, now: number): S;
}
