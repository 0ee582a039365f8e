import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '@tokenwise/auth-core/vendor';
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
}

/** What the cloud has seen. */
export interface EvohomeCloudCounts {
  /** Successful logins, V1 and V2 together. */
  logins: number;
  v1Logins: number;
  v2Logins: number;
  /** Successful refresh grants. */
  refreshes: number;
  /** Logins refused for bad credentials or a bad client id. */
  failedLogins: number;
  /** Login attempts answered 429. */
  rateLimited: number;
  /** Authenticated data calls, accepted or rejected. */
  requests: number;
  /** Data calls answered 401 because of the session or token. */
  rejectedRequests: number;
}

interface V1Session {
  account: EvohomeMockAccount;
  issuedAt: number;
  lastUsedAt: number;
}

interface V2Token {
  account: EvohomeMockAccount;
  expiresAt: number;
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
export class EvohomeCloud {
  /** Counters, for assertions. */
  readonly counts: EvohomeCloudCounts = {
    logins: 0,
    v1Logins: 0,
    v2Logins: 0,
    refreshes: 0,
    failedLogins: 0,
    rateLimited: 0,
    requests: 0,
    rejectedRequests: 0,
  };
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
  readonly #v1Sessions = new Map<string, V1Session>();
  readonly #accessTokens = new Map<string, V2Token>();
  readonly #refreshTokens = new Map<string, EvohomeMockAccount>();
  #forceRateLimit = false;
  #failNextRenewal: number | undefined;
  #rejectAll = false;

  constructor(options: EvohomeCloudOptions = {}) {
    this.#clock = options.clock ?? { now: () => Date.now() };
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

  /** The next login (V1 or V2 password grant) answers 429; evohome sends no Retry-After, so the value is ignored. */
  rateLimitNextLogin(_retryAfterMs?: number): void {
    this.#forceRateLimit = true;
  }

  /** The next renewal (V1 login, V2 token call of either grant) answers this status as plain text. */
  failNextRenewal(status: number): void {
    this.#failNextRenewal = status;
  }

  /** Ends every V1 session and V2 access token (refresh tokens keep working). */
  revokeSessions(): void {
    this.#v1Sessions.clear();
    this.#accessTokens.clear();
  }

  /** Refresh grants answer 400 `invalid_grant` for every token issued so far. */
  revokeRefreshTokens(): void {
    this.#refreshTokens.clear();
  }

  /** Every data call answers 401 `Unauthorized`, whatever it carries (or back to normal). */
  rejectAllRequests(on = true): void {
    this.#rejectAll = on;
  }

  /** Milliseconds left of an account's login lock-out (0 when none). */
  lockedForMs(username: string): number {
    return this.#throttle.lockedForMs(username, this.#clock.now());
  }

  /** Runs the shared pre-login checks: forced failures, then the throttle. Returns a refusal or nothing. */
  #gateLogin(username: string, tooMany: () => Response): Response | undefined {
    if (this.#failNextRenewal !== undefined) {
      const status = this.#failNextRenewal;
      this.#failNextRenewal = undefined;
      return outage(status);
    }
    const forced = this.#forceRateLimit;
    this.#forceRateLimit = false;
    if (forced || this.#throttle.attempt(username, this.#clock.now()) === 'locked') {
      this.counts.rateLimited++;
      const response = tooMany();
      if (this.#sendRetryAfter)
        response.headers.set('retry-after', String(Math.ceil(this.#lockoutMs / 1000)));
      return response;
    }
    return undefined;
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
    const sessionId = randomUUID().toUpperCase();
    this.#v1Sessions.set(sessionId, { account, issuedAt: now, lastUsedAt: now });
    this.counts.logins++;
    this.counts.v1Logins++;
    return json({ sessionId, userInfo: v1UserInfo(account) });
  }

  #v1Data(request: Request): Response {
    this.counts.requests++;
    const now = this.#clock.now();
    const id = request.headers.get('sessionid') ?? '';
    const session = this.#v1Sessions.get(id);
    const start = session && (this.#sliding ? session.lastUsedAt : session.issuedAt);
    if (this.#rejectAll || session === undefined || start === undefined || now - start >= this.sessionTtlMs) {
      if (session) this.#v1Sessions.delete(id);
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
    if (this.#failNextRenewal !== undefined) {
      const status = this.#failNextRenewal;
      this.#failNextRenewal = undefined;
      return outage(status);
    }
    const token = exactField(fields, 'refresh_token') ?? '';
    const account = this.#refreshTokens.get(token);
    if (account === undefined) return json({ error: 'invalid_grant' }, 400);
    if (this.#rotate) this.#refreshTokens.delete(token);
    this.counts.refreshes++;
    return json(this.#issueTokens(account, this.#rotate ? undefined : token));
  }

  #issueTokens(account: EvohomeMockAccount, keepRefresh: string | undefined): Record<string, unknown> {
    const access = randomBytes(48).toString('base64url');
    this.#accessTokens.set(access, { account, expiresAt: this.#clock.now() + this.tokenTtlSeconds * 1000 });
    const refresh = keepRefresh ?? randomBytes(96).toString('base64url');
    this.#refreshTokens.set(refresh, account);
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
    const issued = scheme?.toLowerCase() === 'bearer' && token ? this.#accessTokens.get(token) : undefined;
    if (this.#rejectAll || issued === undefined || issued.expiresAt <= this.#clock.now()) {
      this.counts.rejectedRequests++;
      return failure(401, 'Unauthorized', 'Unauthorized.');
    }
    const { account } = issued;
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
