import { randomBytes, randomUUID } from 'node:crypto';
import {
  MockCloud,
  type MockCloudCounts,
  type MockFault,
  MockTokens,
  mockCloudCounts,
} from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { V1_APPLICATION_ID, V1_SESSION_TTL_MS, V2_CLIENT_BASIC } from '../constants.js';
import { DEMO_ACCOUNTS, type EvohomeMockAccount } from './accounts.js';
import { LoginThrottle } from './login-throttle.js';
import { v1AccountInfo, v1Locations, v1UserInfo } from './payloads-v1.js';
import { v2Installation, v2LocationStatus, v2UserAccount } from './payloads-v2.js';
import { exactField, field, readFields } from './request-fields.js';
import { failure, htmlNotFound, json, outage } from './responses.js';

/** Options of {@link EvohomeCloud}. */
export interface EvohomeCloudOptions {
  /** Time source; pass a `FakeClock` to drive expiry. Default: the system clock. */
  clock?: Clock | undefined;
  /** Accounts. Default {@link DEMO_ACCOUNTS}. */
  accounts?: readonly EvohomeMockAccount[] | undefined;
  /** V1 sessions last 15 min from last use (`sliding`, per the seed) or from login (`absolute`). Default `sliding`. */
  sessionMode?: 'sliding' | 'absolute' | undefined;
  /** V1 session lifetime. Default 15 min. */
  sessionTtlMs?: number | undefined;
  /** V2 `expires_in`. Default 1800 s. */
  tokenTtlSeconds?: number | undefined;
  /** A second login of one account within this window trips the lock-out. Default 10 000 ms; 0 disables. */
  loginWindowMs?: number | undefined;
  /** Lock-out length. Default 600 000 ms. */
  lockoutMs?: number | undefined;
  /** Issue a new refresh token on every refresh and revoke the old one. Default true. */
  rotateRefreshTokens?: boolean | undefined;
  /** Send `Retry-After` with login 429s (the real server does not). Default false. */
  sendRetryAfter?: boolean | undefined;
  /**
   * What `renewsBy` reports, and so what `failNextRenewal` fails: `'refresh'`
   * (default; V2 renews by refresh grant) or `'login'` (V1 has no refresh: a
   * test driving the V1 API through the conformance suite passes this).
   */
  renewsBy?: 'refresh' | 'login' | undefined;
}

/**
 * What the cloud has seen: the mock base's counters (`logins` counts V1 and
 * V2 logins together, `refreshes` the V2 refresh grants) plus the logins of
 * each API.
 */
export interface EvohomeCloudCounts extends MockCloudCounts {
  /** Successful V1 session logins. */
  v1Logins: number;
  /** Successful V2 password grants. */
  v2Logins: number;
}

interface V1Session {
  account: EvohomeMockAccount;
  issuedAt: number;
  lastUsedAt: number;
}

const V1_PREFIX = '/webapi/api/';
const V2_PREFIX = '/webapi/emea/api/v1/';
const TOKEN_PATH = '/auth/oauth/token';

/**
 * A stateful simulator of both evohome (TCC) APIs, from the vendor notes
 * and recorded payloads: V1 sessions (sliding or absolute), V2 tokens with
 * rotating refresh tokens, the per-account login limit shared by V1 and V2
 * with its lock-out, EULA and bad-credential errors, HTML 404s.
 */
export class EvohomeCloud extends MockCloud {
  /** Counters, for assertions. */
  readonly counts: EvohomeCloudCounts = mockCloudCounts({ v1Logins: 0, v2Logins: 0 });
  /** How the API under test renews: V2 by refresh grant (default), V1 by login. */
  readonly renewsBy: 'refresh' | 'login';
  /** V2 token lifetime in seconds. */
  readonly tokenTtlSeconds: number;
  /** V1 session lifetime. */
  readonly sessionTtlMs: number;
  readonly #clock: Clock;
  readonly #accounts: Map<string, EvohomeMockAccount>;
  readonly #sliding: boolean;
  readonly #throttle: LoginThrottle;
  readonly #lockoutMs: number;
  readonly #rotate: boolean;
  readonly #sendRetryAfter: boolean;
  readonly #v1Sessions = new MockTokens<V1Session>();
  readonly #accessTokens = new MockTokens<EvohomeMockAccount>();
  readonly #refreshTokens = new MockTokens<EvohomeMockAccount>();

  constructor(options: EvohomeCloudOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.renewsBy = options.renewsBy ?? 'refresh';
    const accounts = options.accounts ?? DEMO_ACCOUNTS;
    this.#accounts = new Map(accounts.map((account) => [account.username.toLowerCase(), account]));
    this.#sliding = (options.sessionMode ?? 'sliding') === 'sliding';
    this.sessionTtlMs = options.sessionTtlMs ?? V1_SESSION_TTL_MS;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 1800;
    this.#lockoutMs = options.lockoutMs ?? 600_000;
    this.#throttle = new LoginThrottle(options.loginWindowMs ?? 10_000, this.#lockoutMs);
    this.#rotate = options.rotateRefreshTokens ?? true;
    this.#sendRetryAfter = options.sendRetryAfter ?? false;
  }

  /** The fetch-style handler; serve it with MSW, `handlerFetch` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname.toLowerCase();
    if (path === TOKEN_PATH && request.method === 'POST') return this.#token(request);
    if (path === `${V1_PREFIX}session` && request.method === 'POST') return this.#v1Login(request);
    if (path.startsWith(V2_PREFIX)) {
      return request.method === 'GET' ? this.#v2Data(request) : methodNotAllowed(request.method);
    }
    if (path.startsWith(V1_PREFIX) && request.method === 'GET') return this.#v1Data(request);
    return htmlNotFound();
  };

  /** Ends every V1 session and V2 access token (refresh tokens keep working). */
  revokeAccessTokens(): void {
    this.#v1Sessions.revokeAll();
    this.#accessTokens.revokeAll();
  }

  /** Refresh grants answer 400 `invalid_grant` for every token issued so far. */
  revokeRefreshTokens(): void {
    this.#refreshTokens.revokeAll();
  }

  /** Milliseconds left of an account's login lock-out (0 when none). */
  lockedForMs(username: string): number {
    return this.#throttle.lockedForMs(username, this.#clock.now());
  }

  /**
   * Runs the shared pre-login checks: a fault the test asked for (counted by
   * the base), then the vendor's throttle. Returns a refusal or nothing.
   * A forced 429 does not start a lock-out; evohome sends no Retry-After, so
   * the one asked for is ignored unless `sendRetryAfter` is on.
   */
  #gateLogin(username: string, tooMany: () => Response): Response | undefined {
    const fault = this.takeLoginFault();
    if (fault?.kind === 'status') return outage(fault.status);
    const throttled = fault === undefined && this.#throttle.attempt(username, this.#clock.now()) === 'locked';
    if (throttled) this.counts.rateLimited++;
    if (fault === undefined && !throttled) return undefined;
    const response = tooMany();
    if (this.#sendRetryAfter) response.headers.set('retry-after', String(Math.ceil(this.#lockoutMs / 1000)));
    return response;
  }

  async #v1Login(request: Request): Promise<Response> {
    const fields = await readFields(request);
    const username = field(fields, 'username') ?? '';
    const refused = this.#gateLogin(username, () =>
      failure(429, 'TooManyRequests', 'Request count limitation exceeded, please try again later.'),
    );
    if (refused) return refused;
    const account = this.#accounts.get(username.toLowerCase());
    if (
      field(fields, 'applicationId') !== V1_APPLICATION_ID ||
      account === undefined ||
      field(fields, 'password') !== account.password
    ) {
      this.counts.failedLogins++;
      return failure(401, 'EmailOrPasswordIncorrect', 'The email or password provided is incorrect.');
    }
    const now = this.#clock.now();
    const sessionId = this.#v1Sessions.issue(randomUUID().toUpperCase(), {
      account,
      issuedAt: now,
      lastUsedAt: now,
    });
    this.counts.logins++;
    this.counts.v1Logins++;
    return json({ sessionId, userInfo: v1UserInfo(account) });
  }

  #v1Data(request: Request): Response {
    this.counts.requests++;
    const now = this.#clock.now();
    const id = request.headers.get('sessionid') ?? '';
    const session = this.#v1Sessions.lookup(id);
    const start = session && (this.#sliding ? session.lastUsedAt : session.issuedAt);
    if (
      this.rejectingAll ||
      session === undefined ||
      start === undefined ||
      now - start >= this.sessionTtlMs
    ) {
      if (session) this.#v1Sessions.revoke(id);
      this.counts.rejectedRequests++;
      return failure(401, 'Unauthorized', 'Unauthorized');
    }
    session.lastUsedAt = now;
    const { account } = session;
    if (account.eulaAccepted === false) {
      return failure(403, 'LatestEulaNotAccepted', 'Latest Eula is not accepted.');
    }
    const url = new URL(request.url);
    const route = url.pathname.toLowerCase().slice(V1_PREFIX.length);
    if (route === 'accountinfo') return json(v1AccountInfo(account));
    if (route === 'locations') {
      const userId = url.searchParams.get('userId') ?? '';
      if (!/^\d+$/.test(userId)) return failure(400, 'InvalidInput', 'Invalid Input.');
      // Someone else's user id gets the same 401 as a dead session: the SDK must not loop on it.
      if (Number(userId) !== account.userId) return failure(401, 'Unauthorized', 'Unauthorized');
      return json(v1Locations(account));
    }
    return htmlNotFound();
  }

  async #token(request: Request): Promise<Response> {
    if (request.headers.get('authorization') !== `Basic ${V2_CLIENT_BASIC}`) {
      this.counts.failedLogins++;
      return json({ error: 'invalid_client' }, 401);
    }
    // The token endpoint reads an OAuth form only; a JSON body carries no grant.
    if (!(request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      return json({ error: 'unsupported_grant_type' }, 400);
    }
    const fields = await readFields(request);
    const grant = exactField(fields, 'grant_type');
    if (grant === 'password') return this.#passwordGrant(fields);
    if (grant === 'refresh_token') return this.#refreshGrant(fields);
    return json({ error: 'unsupported_grant_type' }, 400);
  }

  #passwordGrant(fields: Map<string, string>): Response {
    const username = exactField(fields, 'Username') ?? '';
    const refused = this.#gateLogin(username, () => json({ error: 'attempt_limit_exceeded' }, 429));
    if (refused) return refused;
    const account = this.#accounts.get(username.toLowerCase());
    if (account === undefined || exactField(fields, 'Password') !== account.password) {
      this.counts.failedLogins++;
      return json({ error: 'invalid_grant' }, 400);
    }
    this.counts.logins++;
    this.counts.v2Logins++;
    return json(this.#issueTokens(account, undefined));
  }

  #refreshGrant(fields: Map<string, string>): Response {
    const fault = this.takeRefreshFault();
    if (fault !== undefined) return this.#refreshFault(fault);
    const token = exactField(fields, 'refresh_token') ?? '';
    const account = this.#refreshTokens.lookup(token);
    if (account === undefined) {
      this.counts.failedRefreshes++;
      return json({ error: 'invalid_grant' }, 400);
    }
    if (this.#rotate) this.#refreshTokens.revoke(token);
    this.counts.refreshes++;
    return json(this.#issueTokens(account, this.#rotate ? undefined : token));
  }

  /** A refresh fault the test asked for: the outage, or the token endpoint's 429. */
  #refreshFault(fault: MockFault): Response {
    if (fault.kind === 'status') return outage(fault.status);
    const response = json({ error: 'attempt_limit_exceeded' }, 429);
    if (this.#sendRetryAfter) response.headers.set('retry-after', String(Math.ceil(this.#lockoutMs / 1000)));
    return response;
  }

  #issueTokens(account: EvohomeMockAccount, keepRefresh: string | undefined): Record<string, unknown> {
    const access = this.#accessTokens.issue(
      randomBytes(48).toString('base64url'),
      account,
      this.#clock.now() + this.tokenTtlSeconds * 1000,
    );
    const refresh = this.#refreshTokens.issue(keepRefresh ?? randomBytes(96).toString('base64url'), account);
    return {
      access_token: access,
      token_type: 'bearer',
      expires_in: this.tokenTtlSeconds,
      refresh_token: refresh,
      scope: 'EMEA-V1-Basic EMEA-V1-Anonymous',
    };
  }

  #v2Data(request: Request): Response {
    this.counts.requests++;
    const header = request.headers.get('authorization') ?? '';
    const [scheme, token] = header.split(' ');
    const account =
      scheme?.toLowerCase() === 'bearer' && token
        ? this.#accessTokens.lookup(token, this.#clock.now())
        : undefined;
    if (this.rejectingAll || account === undefined) {
      this.counts.rejectedRequests++;
      return failure(401, 'Unauthorized', 'Unauthorized.');
    }
    const url = new URL(request.url);
    const route = url.pathname.slice(V2_PREFIX.length);
    if (route === 'userAccount') return json(v2UserAccount(account));
    if (route === 'location/installationInfo') {
      const userId = url.searchParams.get('userId');
      if (userId === null || url.searchParams.get('includeTemperatureControlSystems') === null) {
        return noResource();
      }
      if (!/^\d+$/.test(userId)) return failure(400, 'InvalidInput', 'Invalid Input.');
      if (Number(userId) !== account.userId) return notAllowed();
      return json(v2Installation(account));
    }
    const status = /^location\/([^/]+)\/status$/.exec(route);
    if (status?.[1] !== undefined) {
      if (url.searchParams.get('includeTemperatureControlSystems') === null) return noResource();
      if (!/^\d+$/.test(status[1])) return failure(400, 'InvalidInput', 'Invalid Input.');
      const location = account.locations.find((candidate) => String(candidate.id) === status[1]);
      return location ? json(v2LocationStatus(location)) : notAllowed();
    }
    return htmlNotFound();
  }
}

function notAllowed(): Response {
  return failure(401, 'Unauthorized', 'You are not allowed to perform this action.');
}

/** A known route with a missing or unknown query: the vendor's JSON 404. */
function noResource(): Response {
  return json({ message: 'No HTTP resource was found that matches the request URI.' }, 404);
}

/** The V2 API's answer to a method a route does not support (recorded as 405 JSON). */
function methodNotAllowed(method: string): Response {
  return json({ message: `The requested resource does not support http method '${method}'.` }, 405);
}
