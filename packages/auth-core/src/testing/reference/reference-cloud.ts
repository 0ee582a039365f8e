import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { systemClock } from '../../clock.js';
import { jsonResponse } from '../fetch-handler.js';

/** Options of {@link ReferenceCloud}. */
export interface ReferenceCloudOptions {
  clock?: Clock;
  /** Accounts, username -> password. Default: `demo@example.com` / `demo-password`. */
  accounts?: Record<string, string>;
  accessTtlMs?: number;
  refreshTtlMs?: number;
  /** Issue a new refresh token on every refresh (and revoke the old one). Default true. */
  rotateRefreshTokens?: boolean;
  /** A second login of one account within this window gets 429. Default 0 (off). */
  loginThrottleMs?: number;
}

/** What the reference cloud has seen. */
export interface ReferenceCloudCounts {
  logins: number;
  failedLogins: number;
  refreshes: number;
  rateLimited: number;
  requests: number;
  rejectedRequests: number;
}

interface IssuedToken {
  account: string;
  expiresAt: number;
}

/**
 * A small but honest password + refresh-token JWT cloud, the reference the
 * core's conformance suite and demo run against before any vendor exists:
 * `POST /auth/login`, `POST /auth/refresh`, `GET /api/me`, `GET /api/items`.
 */
export class ReferenceCloud {
  readonly counts: ReferenceCloudCounts = {
    logins: 0,
    failedLogins: 0,
    refreshes: 0,
    rateLimited: 0,
    requests: 0,
    rejectedRequests: 0,
  };
  readonly accessTtlMs: number;
  readonly refreshTtlMs: number;
  readonly #clock: Clock;
  readonly #accounts: Map<string, string>;
  readonly #rotate: boolean;
  readonly #loginThrottleMs: number;
  readonly #access = new Map<string, IssuedToken>();
  readonly #refresh = new Map<string, IssuedToken>();
  readonly #lastLogin = new Map<string, number>();
  #rateLimitNext: number | undefined;
  #failNextRefresh: number | undefined;
  #rejectAll = false;

  constructor(options: ReferenceCloudOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#accounts = new Map(Object.entries(options.accounts ?? { 'demo@example.com': 'demo-password' }));
    this.accessTtlMs = options.accessTtlMs ?? 3_600_000;
    this.refreshTtlMs = options.refreshTtlMs ?? 30 * 86_400_000;
    this.#rotate = options.rotateRefreshTokens ?? true;
    this.#loginThrottleMs = options.loginThrottleMs ?? 0;
  }

  /** The fetch-style handler; serve it with MSW, `handlerFetch` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (request.method === 'POST' && path.endsWith('/auth/login')) return this.#login(request);
    if (request.method === 'POST' && path.endsWith('/auth/refresh')) return this.#refreshGrant(request);
    if (request.method === 'GET' && (path.endsWith('/api/me') || path.endsWith('/api/items'))) {
      return this.#api(request, path);
    }
    return jsonResponse({ error: 'not_found' }, 404);
  };

  /** The next login answers 429 with this `Retry-After` (ms, rounded up to seconds; omit for none). */
  rateLimitNextLogin(retryAfterMs?: number): void {
    this.#rateLimitNext = retryAfterMs ?? -1;
  }

  /** The next refresh answers with this HTTP status (e.g. 503). */
  failNextRefresh(status: number): void {
    this.#failNextRefresh = status;
  }

  /** Revokes every access token (they answer 401 from now on). */
  revokeAccessTokens(): void {
    this.#access.clear();
  }

  /** Revokes every refresh token (refresh answers 400 invalid_grant). */
  revokeRefreshTokens(): void {
    this.#refresh.clear();
  }

  /** Every authenticated call answers 401, whatever token it carries. */
  rejectAllRequests(on = true): void {
    this.#rejectAll = on;
  }

  async #login(request: Request): Promise<Response> {
    const body = (await request.json().catch(() => undefined)) as
      | { username?: unknown; password?: unknown }
      | undefined;
    const username = typeof body?.username === 'string' ? body.username : '';
    const now = this.#clock.now();
    if (this.#rateLimitNext !== undefined) {
      const retryAfter = this.#rateLimitNext;
      this.#rateLimitNext = undefined;
      this.counts.rateLimited++;
      return jsonResponse(
        { error: 'too_many_requests' },
        429,
        retryAfter >= 0 ? { 'retry-after': String(Math.ceil(retryAfter / 1000)) } : {},
      );
    }
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
    if (this.#failNextRefresh !== undefined) {
      const status = this.#failNextRefresh;
      this.#failNextRefresh = undefined;
      return jsonResponse({ error: 'server_error' }, status);
    }
    const token = typeof body?.refresh_token === 'string' ? body.refresh_token : '';
    const issued = this.#refresh.get(token);
    if (!issued || issued.expiresAt <= this.#clock.now()) {
      return jsonResponse({ error: 'invalid_grant' }, 400);
    }
    this.counts.refreshes++;
    if (this.#rotate) this.#refresh.delete(token);
    return jsonResponse(this.#issue(issued.account, this.#rotate ? undefined : token));
  }

  #api(request: Request, path: string): Response {
    this.counts.requests++;
    const auth = request.headers.get('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const issued = this.#access.get(token);
    if (this.#rejectAll || !issued || issued.expiresAt <= this.#clock.now()) {
      this.counts.rejectedRequests++;
      return jsonResponse({ error: 'invalid_token' }, 401, {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    }
    if (path.endsWith('/api/me')) return jsonResponse({ username: issued.account });
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
    });
    this.#access.set(access, { account, expiresAt: now + this.accessTtlMs });
    const refresh = keepRefresh ?? randomBytes(24).toString('base64url');
    if (!keepRefresh) this.#refresh.set(refresh, { account, expiresAt: now + this.refreshTtlMs });
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: Math.round(this.accessTtlMs / 1000),
    };
  }
}

function fakeJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, jti: randomBytes(8).toString('hex') })}.${randomBytes(32).toString('base64url')}`;
}
