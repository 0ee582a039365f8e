/** The counters every simulator keeps, under these names. Vendors add their own beside them. */
export interface MockCloudCounts {
  /** Successful full logins. */
  logins: number;
  /** Logins refused (wrong password) or failed by a fault. */
  failedLogins: number;
  /** Successful refreshes (0 for vendors that renew by login). */
  refreshes: number;
  /** Refreshes refused or failed by a fault. */
  failedRefreshes: number;
  /** Authenticated data calls received, accepted or rejected. */
  requests: number;
  /** Authenticated data calls rejected as unauthorized. */
  rejectedRequests: number;
  /** Answers with the vendor's rate-limit response. */
  rateLimited: number;
}

/** A fault a simulator must answer the next login or refresh with. */
export type MockFault =
  | { kind: 'rate-limit'; retryAfterMs: number | undefined }
  | { kind: 'status'; status: number };

/**
 * The base of every vendor simulator: the same controls and counters under
 * the same names, so tests, the conformance suite, the sandbox and the demo
 * drive every vendor alike. A subclass serves the vendor's wire format in
 * `handler` and asks the base, at the right places, whether a fault is due
 * (`takeLoginFault`, `takeRefreshFault`) and whether data calls are refused
 * (`rejectingAll`); it keeps its credentials in `accessTokens` /
 * `refreshTokens` ({@link MockTokens}) or overrides the revoke controls.
 */
export abstract class MockCloud {
  /** What the simulator answered so far. */
  abstract readonly counts: MockCloudCounts;
  /** Serves one request the way the vendor's cloud does. */
  abstract readonly handler: (request: Request) => Promise<Response>;
  /** How the vendor renews a session: with a refresh token, or only by logging in again. */
  abstract readonly renewsBy: 'refresh' | 'login';

  #loginFaults: MockFault[] = [];
  #refreshFaults: MockFault[] = [];
  #rejectAll = false;

  /** Server-side: every access credential issued so far stops working. */
  abstract revokeAccessTokens(): void;

  /** Server-side: every refresh credential stops working, so renewal must log in. */
  abstract revokeRefreshTokens(): void;

  /** Every authenticated data call is rejected as unauthorized, whatever it carries (`false`: back to normal). */
  rejectAllRequests(on = true): void {
    this.#rejectAll = on;
  }

  /** The next login gets the vendor's rate-limit answer, with this `Retry-After` where the vendor sends one. */
  rateLimitNextLogin(retryAfterMs?: number): void {
    this.#loginFaults.push({ kind: 'rate-limit', retryAfterMs });
  }

  /** The next login fails with this HTTP status (a 5xx). */
  failNextLogin(status = 503): void {
    this.#loginFaults.push({ kind: 'status', status });
  }

  /** The next refresh fails with this HTTP status (a 5xx). */
  failNextRefresh(status = 503): void {
    this.#refreshFaults.push({ kind: 'status', status });
  }

  /** The next renewal — a refresh, or a login where the vendor renews by login — fails with `status`. */
  failNextRenewal(status = 503): void {
    if (this.renewsBy === 'refresh') this.failNextRefresh(status);
    else this.failNextLogin(status);
  }

  /** True while {@link rejectAllRequests} is on. */
  protected get rejectingAll(): boolean {
    return this.#rejectAll;
  }

  /** The fault the login being served must answer with, counted; `undefined` for none. */
  protected takeLoginFault(): MockFault | undefined {
    const fault = this.#loginFaults.shift();
    if (fault?.kind === 'rate-limit') this.counts.rateLimited++;
    else if (fault) this.counts.failedLogins++;
    return fault;
  }

  /** The fault the refresh being served must answer with, counted; `undefined` for none. */
  protected takeRefreshFault(): MockFault | undefined {
    const fault = this.#refreshFaults.shift();
    if (fault?.kind === 'rate-limit') this.counts.rateLimited++;
    else if (fault) this.counts.failedRefreshes++;
    return fault;
  }
}

/** Fresh counters, all zero, with a vendor's own beside them. */
export function mockCloudCounts<E extends Record<string, number>>(extra: E = {} as E): MockCloudCounts & E {
  return {
    logins: 0,
    failedLogins: 0,
    refreshes: 0,
    failedRefreshes: 0,
    requests: 0,
    rejectedRequests: 0,
    rateLimited: 0,
    ...extra,
  };
}
