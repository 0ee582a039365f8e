import { randomBytes } from 'node:crypto';
import {
  fakeJwt,
  jsonResponse,
  MockCloud,
  type MockCloudCounts,
  MockTokens,
  mockCloudCounts,
} from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { PATHS } from '../constants.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';

/** Options of {@link TadoCloud}. */
export interface TadoCloudOptions {
  clock?: Clock;
  /** Accounts, username -> password. Default: {@link DEMO_ACCOUNTS}. */
  accounts?: Record<string, string>;
  accessTtlMs?: number;
  refreshTtlMs?: number;
  /** Issue a new refresh token on every refresh (and revoke the old one). Default true. */
  rotateRefreshTokens?: boolean;
  /** A second login of one account within this window gets 429. Default 0 (off). */
  loginThrottleMs?: number;
}

/** What the mock cloud has seen: the mock base's counters. */
export type TadoCloudCounts = MockCloudCounts;

/**
 * A simulator of the Tado cloud for tests, the sandbox and the demo.
 * Placeholder, as generated: a password + refresh-token JWT cloud
 * (`POST auth/login`, `POST auth/refresh`, `GET api/me`, `GET api/items`).
 * Make it faithful to the vendor's wire spec: same paths, bodies, status
 * codes, error envelopes and lifetimes as the recorded fixtures.
 */
export class TadoCloud extends MockCloud {
  readonly counts: TadoCloudCounts = mockCloudCounts();
  readonly renewsBy = 'refresh';
  readonly accessTtlMs: number;
  readonly refreshTtlMs: number;
  readonly #clock: Clock;
  readonly #accounts: Map<string, string>;
  readonly #rotate: boolean;
  readonly #loginThrottleMs: number;
  readonly #access = new MockTokens<string>();
  readonly #refresh = new MockTokens<string>();
  readonly #lastLogin = new Map<string, number>();

  constructor(options: TadoCloudOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#accounts = new Map(
      Object.entries(
        options.accounts ?? Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.username, a.password])),
      ),
    );
    this.accessTtlMs = options.accessTtlMs ?? 3_600_000;
    this.refreshTtlMs = options.refreshTtlMs ?? 30 * 86_400_000;
    this.#rotate = options.rotateRefreshTokens ?? true;
    this.#loginThrottleMs = options.loginThrottleMs ?? 0;
  }

  /** The fetch-style handler; serve it with MSW, `handlerFetch` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (request.method === 'POST' && path.endsWith(`/${PATHS.login}`)) return this.#login(request);
    if (request.method === 'POST' && path.endsWith(`/${PATHS.refresh}`)) return this.#refreshGrant(request);
    if (request.method === 'GET' && (path.endsWith(`/${PATHS.me}`) || path.endsWith(`/${PATHS.items}`))) {
      return this.#api(request, path);
    }
    return jsonResponse({ error: 'not_found' }, 404);
  };

  /** Revokes every access token (they answer 401 from now on). */
  revokeAccessTokens(): void {
    this.#access.revokeAll();
  }

  /** Revokes every refresh token (refresh answers 400 invalid_grant). */
  revokeRefreshTokens(): void {
    this.#refresh.revokeAll();
  }

  async #login(request: Request): Promise<Response> {
    const body = (await request.json().catch(() => undefined)) as
      | { username?: unknown; password?: unknown }
      | undefined;
    const username = typeof body?.username === 'string' ? body.username : '';
    const now = this.#clock.now();
    const fault = this.takeLoginFault();
    if (fault?.kind === 'rate-limit') {
      const retryAfter = fault.retryAfterMs;
      return jsonResponse(
        { error: 'too_many_requests' },
        429,
        retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(retryAfter / 1000)) },
      );
    }
    if (fault) return jsonResponse({ error: 'server_error' }, fault.status);
    const last = this.#lastLogin.get(username);
    if (this.#loginThrottleMs > 0 && last !== undefined && now - last < this.#loginThrottleMs) {
      this.counts.rateLimited++;
      return jsonResponse({ error: 'too_many_requests' }, 429);
    }
    const password = this.#accounts.get(username);
    if (password === undefined || body?.password !== password) {
      this.counts.failedLogins++;
      return jsonResponse(
        { error: 'invalid_credentials', message: 'Username or password is incorrect' },
        401,
      );
    }
    this.#lastLogin.set(username, now);
    this.counts.logins++;
    return jsonResponse(this.#issue(username, undefined));
  }

  async #refreshGrant(request: Request): Promise<Response> {
    const body = (await request.json().catch(() => undefined)) as { refresh_token?: unknown } | undefined;
    const fault = this.takeRefreshFault();
    if (fault) return jsonResponse({ error: 'server_error' }, fault.kind === 'status' ? fault.status : 429);
    const token = typeof body?.refresh_token === 'string' ? body.refresh_token : '';
    const account = this.#refresh.lookup(token, this.#clock.now());
    if (account === undefined) {
      this.counts.failedRefreshes++;
      return jsonResponse({ error: 'invalid_grant' }, 400);
    }
    this.counts.refreshes++;
    if (this.#rotate) this.#refresh.revoke(token);
    return jsonResponse(this.#issue(account, this.#rotate ? undefined : token));
  }

  #api(request: Request, path: string): Response {
    this.counts.requests++;
    const auth = request.headers.get('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const account = this.#access.lookup(token, this.#clock.now());
    if (this.rejectingAll || account === undefined) {
      this.counts.rejectedRequests++;
      return jsonResponse({ error: 'invalid_token' }, 401, {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    }
    if (path.endsWith(`/${PATHS.me}`)) return jsonResponse({ username: account });
    return jsonResponse({
      items: [
        { id: 1, name: 'thermostat' },
        { id: 2, name: 'water heater' },
      ],
    });
  }

  #issue(account: string, keepRefresh: string | undefined): Record<string, unknown> {
    const now = this.#clock.now();
    const access = fakeJwt({
      sub: account,
      exp: Math.floor((now + this.accessTtlMs) / 1000),
      iat: Math.floor(now / 1000),
      jti: randomBytes(8).toString('hex'),
    });
    this.#access.issue(access, account, now + this.accessTtlMs);
    const refresh = keepRefresh ?? randomBytes(24).toString('base64url');
    if (!keepRefresh) this.#refresh.issue(refresh, account, now + this.refreshTtlMs);
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: Math.round(this.accessTtlMs / 1000),
    };
  }
}
