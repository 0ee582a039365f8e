import { MockCloud, type MockCloudCounts, mockCloudCounts } from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { ACCESS_TOKEN_LIFETIME_MS, REFRESH_TOKEN_LIFETIME_MS } from '../constants.js';
import { DataViews } from './data-views.js';
import { demoDataset, type EvrimDataset } from './demo-data.js';
import {
  appendSlash,
  badBearer,
  djangoNotFound,
  drfJson,
  fieldErrors,
  methodNotAllowed,
  serverFailure,
  throttled,
  tokenNotValid,
  unauthorized,
} from './drf-responses.js';
import { TokenAuthority } from './token-authority.js';

/** A user of the simulated Evrim. */
export interface EvrimAccount {
  username: string;
  password: string;
  /** The `user_id` claim of its tokens. */
  userId: number;
}

/** Accounts the mock knows unless told otherwise. */
export const DEMO_ACCOUNTS: readonly EvrimAccount[] = Object.freeze([
  { username: 'demo', password: 'demo-password', userId: 1 },
  { username: 'analyst@example.com', password: 'analyst-password', userId: 2 },
]);

/** Options of {@link EvrimCloud}. */
export interface EvrimCloudOptions {
  /** Drives token expiry. Default: the system clock. */
  clock?: Clock;
  /** Default {@link DEMO_ACCOUNTS}. */
  accounts?: readonly EvrimAccount[];
  /** simplejwt `ACCESS_TOKEN_LIFETIME`. Default 300 000 ms. */
  accessTtlMs?: number;
  /** simplejwt `REFRESH_TOKEN_LIFETIME`. Default 86 400 000 ms. */
  refreshTtlMs?: number;
  /** simplejwt `ROTATE_REFRESH_TOKENS`: refresh also returns a new refresh token. Default false. */
  rotateRefreshTokens?: boolean;
  /** simplejwt `BLACKLIST_AFTER_ROTATION`: a rotated-out refresh token stops working. Default false. */
  blacklistAfterRotation?: boolean;
  /** Turns on DRF page-number pagination with this page size. Default off (bare arrays, as recorded). */
  pageSize?: number;
  /** The content served. Default: a fresh demo dataset. */
  data?: EvrimDataset;
  /**
   * How long submitted research stays pending (`status: "P"`) on `clock`
   * before its run and report appear. Default 0: they are there on the next read.
   */
  researchDurationMs?: number;
}

/** What the mock has seen: the base's counters, plus Evrim's own. */
export interface EvrimCloudCounts extends MockCloudCounts {
  /** Calls of `/token/verify/` with a token to check. */
  verifies: number;
  /** APPEND_SLASH redirects answered (a path without its trailing slash). */
  redirects: number;
}

const TOKEN_ALLOW = 'POST, OPTIONS';
const ROUTE =
  /^(.*?)\/(token\/refresh|token\/verify|token|research|reports|runs|tasks|sections|paragraphs|generate)(\/.*)?$/;
const PROTECTED_ALLOW = 'GET, HEAD, OPTIONS';

/**
 * The Evrim API as Django REST framework + simplejwt 5.3.1 serve it: the
 * token views, the protected data views, APPEND_SLASH redirects and every
 * error body with its headers. Works under any base path (`/prod` in
 * production, `/` on a loopback server).
 */
export class EvrimCloud extends MockCloud {
  /** Counters for assertions. */
  readonly counts: EvrimCloudCounts = mockCloudCounts({ verifies: 0, redirects: 0 });
  /** simplejwt renews with the refresh token; a password login only once that is gone. */
  readonly renewsBy = 'refresh' as const;
  /** The access token lifetime in ms. */
  readonly accessTtlMs: number;
  /** The refresh token lifetime in ms. */
  readonly refreshTtlMs: number;
  readonly #accounts: Map<string, EvrimAccount>;
  readonly #tokens: TokenAuthority;
  readonly #views: DataViews;
  readonly #rotate: boolean;
  readonly #blacklistAfterRotation: boolean;

  /** A cloud with its own signing key, accounts and a fresh copy of the demo content. */
  constructor(options: EvrimCloudOptions = {}) {
    super();
    const clock = options.clock ?? systemClock;
    this.accessTtlMs = options.accessTtlMs ?? ACCESS_TOKEN_LIFETIME_MS;
    this.refreshTtlMs = options.refreshTtlMs ?? REFRESH_TOKEN_LIFETIME_MS;
    this.#accounts = new Map((options.accounts ?? DEMO_ACCOUNTS).map((a) => [a.username, a]));
    this.#tokens = new TokenAuthority(clock, this.accessTtlMs, this.refreshTtlMs);
    this.#views = new DataViews(
      options.data ?? demoDataset(),
      options.pageSize,
      clock,
      options.researchDurationMs ?? 0,
    );
    this.#rotate = options.rotateRefreshTokens ?? false;
    this.#blacklistAfterRotation = options.blacklistAfterRotation ?? false;
  }

  /** The fetch-style handler: serve it with `handlerFetch`, `mswHandlers` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const match = ROUTE.exec(url.pathname);
    if (!match) return djangoNotFound();
    const [, prefix = '', resource = '', rest] = match;
    if (rest === undefined || !rest.endsWith('/')) {
      // CommonMiddleware runs before any view: no authentication on the redirect.
      this.counts.redirects++;
      return appendSlash(`${prefix}/${resource}${rest ?? ''}/${url.search}`);
    }
    if (resource.startsWith('token')) {
      if (rest !== '/') return djangoNotFound();
      if (request.method !== 'POST') return methodNotAllowed(request.method, TOKEN_ALLOW);
      const body = await readJson(request);
      if (body === undefined) {
        return drfJson(
          { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' },
          400,
          TOKEN_ALLOW,
        );
      }
      if (resource === 'token') return this.#obtain(body);
      if (resource === 'token/refresh') return this.#refresh(body);
      return this.#verify(body);
    }
    return this.#protected(resource, rest, request);
  };

  /**
   * A new Django `SECRET_KEY`: every token issued so far stops verifying.
   * simplejwt cannot revoke one access token, so the refresh tokens go too.
   */
  revokeAccessTokens(): void {
    this.#tokens.rotateKey();
  }

  /** Blacklists every refresh token issued so far; refreshes answer `Token is blacklisted`. */
  revokeRefreshTokens(): void {
    this.#tokens.blacklistAll();
  }

  /** Completes every pending research now: its task turns `C`, its run and report appear. */
  finishResearch(): void {
    this.#views.desk.finishAll();
  }

  /** How many submitted research jobs are still pending. */
  get pendingResearch(): number {
    this.#views.desk.settle();
    return this.#views.desk.pending;
  }

  #obtain(body: Record<string, unknown>): Response {
    const fault = this.takeLoginFault();
    if (fault?.kind === 'rate-limit') {
      const retryAfter = fault.retryAfterMs;
      return throttled(retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000), TOKEN_ALLOW);
    }
    if (fault?.kind === 'status') return serverFailure(fault.status);
    const missing = requiredFields(body, ['username', 'password']);
    if (missing) return missing;
    const account = this.#accounts.get(body.username as string);
    if (account === undefined || account.password !== body.password) {
      this.counts.failedLogins++;
      return unauthorized({ detail: 'No active account found with the given credentials' }, TOKEN_ALLOW);
    }
    this.counts.logins++;
    // simplejwt's serializer puts `refresh` first; the recording keeps that order.
    return drfJson(
      {
        refresh: this.#tokens.issue('refresh', account.userId),
        access: this.#tokens.issue('access', account.userId),
      },
      200,
      TOKEN_ALLOW,
    );
  }

  #refresh(body: Record<string, unknown>): Response {
    const fault = this.takeRefreshFault();
    if (fault?.kind === 'rate-limit') return throttled(undefined, TOKEN_ALLOW);
    if (fault?.kind === 'status') return serverFailure(fault.status);
    const missing = requiredFields(body, ['refresh']);
    if (missing) return missing;
    const check = this.#tokens.check(body.refresh as string, 'refresh');
    if (!check.ok) {
      this.counts.failedRefreshes++;
      return tokenNotValid(check.detail, TOKEN_ALLOW);
    }
    this.counts.refreshes++;
    const answer: Record<string, string> = { access: this.#tokens.issue('access', check.userId) };
    if (this.#rotate) {
      if (this.#blacklistAfterRotation) this.#tokens.blacklist(check.jti);
      answer.refresh = this.#tokens.issue('refresh', check.userId);
    }
    return drfJson(answer, 200, TOKEN_ALLOW);
  }

  #verify(body: Record<string, unknown>): Response {
    const missing = requiredFields(body, ['token']);
    if (missing) return missing;
    this.counts.verifies++;
    const check = this.#tokens.check(body.token as string, undefined);
    // The verify view does not care about the type, but a blacklisted refresh token is dead.
    return check.ok ? drfJson({}, 200, TOKEN_ALLOW) : tokenNotValid(check.detail, TOKEN_ALLOW);
  }

  #protected(resource: string, rest: string, request: Request): Promise<Response> | Response {
    const header = request.headers.get('authorization');
    if (header === null) {
      return unauthorized({ detail: 'Authentication credentials were not provided.' }, PROTECTED_ALLOW);
    }
    const parts = header.split(' ');
    if (parts[0] !== 'Bearer') {
      return unauthorized({ detail: 'Authentication credentials were not provided.' }, PROTECTED_ALLOW);
    }
    this.counts.requests++;
    if (parts.length !== 2 || parts[1] === '') {
      this.counts.rejectedRequests++;
      return unauthorized(
        {
          detail: 'Authorization header must contain two space-delimited values',
          code: 'bad_authorization_header',
        },
        PROTECTED_ALLOW,
      );
    }
    const check = this.#tokens.check(parts[1] as string, 'access');
    if (this.rejectingAll || !check.ok) {
      this.counts.rejectedRequests++;
      return badBearer(PROTECTED_ALLOW, check.ok ? undefined : check.detail);
    }
    return this.#views.handle(resource, rest, request, check.userId);
  }
}

async function readJson(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The serializer's own checks: absent → "required", empty string → "may not be blank". */
function requiredFields(body: Record<string, unknown>, names: string[]): Response | undefined {
  const errors: Record<string, string> = {};
  for (const name of names) {
    const value = body[name];
    if (value === undefined || value === null) errors[name] = 'This field is required.';
    else if (typeof value !== 'string') errors[name] = 'Not a valid string.';
    else if (value.trim() === '') errors[name] = 'This field may not be blank.';
  }
  return Object.keys(errors).length > 0 ? fieldErrors(errors, TOKEN_ALLOW) : undefined;
}
