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
import { HomeState } from './home-state.js';
import { LoginThrottle } from './login-throttle.js';
import { v1UserInfo } from './payloads-v1.js';
import { exactField, field, readFields } from './request-fields.js';
import { failure, htmlNotFound, json, outage } from './responses.js';
import { dispatchRoute, type MockRoute } from './route-context.js';
import { MockTasks } from './tasks.js';
import { V1_ROUTES, V1_SYSTEM_MODE_ROUTE } from './v1-routes.js';
import { V2_ROUTES } from './v2-routes.js';

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
  /**
   * Polls a communication task answers as still pending (V1 `pending`, V2
   * `Created` then `Running`) before it reports `Succeeded`. Default 1;
   * `Infinity` keeps every task pending (to test a caller's deadline).
   */
  taskPendingPolls?: number | undefined;
  /**
   * Answer V1 `evoTouchSystems` (the V1 system mode) with the HTML 404 that
   * evohome-async's live tests recorded lately, as if the vendor had retired
   * it. Default false: it accepts the QuickAction, as the Python clients use it.
   */
  retireV1SystemMode?: boolean | undefined;
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
  readonly #homes: HomeState;
  readonly #tasks: MockTasks;
  readonly #v1Routes: readonly MockRoute[];

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
    this.#homes = new HomeState(accounts);
    this.#tasks = new MockTasks(options.taskPendingPolls ?? 1);
    this.#v1Routes = options.retireV1SystemMode ? V1_ROUTES : [...V1_ROUTES, V1_SYSTEM_MODE_ROUTE];
  }

  /** The fetch-style handler; serve it with MSW, `handlerFetch` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname.toLowerCase();
    if (path === TOKEN_PATH && request.method === 'POST') return this.#token(request);
    if (path === `${V1_PREFIX}session` && request.method === 'POST') return this.#v1Login(request);
    if (path.startsWith(V2_PREFIX)) return this.#v2Data(request);
    if (path.startsWith(V1_PREFIX)) return this.#v1Data(request);
    return htmlNotFound();
  };

  /** The next write's communication task ends `Failed` instead of `Succeeded`. */
  failNextTask(): void {
    this.#tasks.failNext();
  }

  /** Changes how many polls a task answers as pending (`Infinity`: never done), for tasks polled from now on. */
  setTaskPendingPolls(polls: number): void {
    this.#tasks.pendingPolls = polls;
  }

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

  #v1Data(request: Request): Promise<Response> | Response {
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
    return dispatchRoute(this.#v1Routes, {
      request,
      url,
      route: url.pathname.slice(V1_PREFIX.length),
      account,
      now,
      homes: this.#homes,
      tasks: this.#tasks,
    });
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

  #v2Data(request: Request): Promise<Response> | Response {
    this.counts.requests++;
    const header = request.headers.get('authorization') ?? '';
    const [scheme, token] = header.split(' ');
    const now = this.#clock.now();
    const account =
      scheme?.toLowerCase() === 'bearer' && token ? this.#accessTokens.lookup(token, now) : undefined;
    if (this.rejectingAll || account === undefined) {
      this.counts.rejectedRequests++;
      return failure(401, 'Unauthorized', 'Unauthorized.');
    }
    const url = new URL(request.url);
    return dispatchRoute(V2_ROUTES, {
      request,
      url,
      route: url.pathname.slice(V2_PREFIX.length),
      account,
      now,
      homes: this.#homes,
      tasks: this.#tasks,
    });
  }
}
