import { randomBytes, randomUUID } from 'node:crypto';
import { fakeJwt, jsonResponse, MockCloud, MockTokens, mockCloudCounts } from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { DEVICE_CODE_GRANT, TADO_CLIENT_ID } from '../constants.js';
import { DEMO_ACCOUNTS, type MockTadoAccount } from './demo-accounts.js';
import { oauthParams } from './oauth-params.js';
import { ZoneBoard } from './zone-board.js';

/** Options of {@link TadoCloud}. */
export interface TadoCloudOptions {
  clock?: Clock;
  accounts?: readonly MockTadoAccount[];
  /** Polling interval the device authorization announces, seconds. Default 5 (tado's). */
  interval?: number;
  /** Device code lifetime, ms. Default 300 000 (tado's). */
  deviceCodeTtlMs?: number;
  /** Access token lifetime, ms. Default 600 000 (10 minutes). */
  accessTtlMs?: number;
  /** Refresh token lifetime, ms. Default 30 days. */
  refreshTtlMs?: number;
  /** Requests per account per window on my.tado.com. Default 20 000. */
  dailyQuota?: number;
  /** The quota window, ms. Default one day. */
  quotaWindowMs?: number;
  /** Approve every device code at once for this account's e-mail (the demo; `true`: the first account). */
  autoApprove?: boolean | string;
  /** `PUT …/overlay` answers 204 without a body (tado's newer behaviour, §3.6). Default false: 200 with the overlay. */
  overlayNoContent?: boolean;
}

/**
 * What the simulator has seen: the mock base's counters and tado's own.
 *
 * @useDeclaredType
 */
export type TadoCloudCounts = ReturnType<typeof tadoCounts>;

function tadoCounts() {
  return mockCloudCounts({
    deviceAuthorizations: 0,
    pendingPolls: 0,
    /** Refreshes answered 400 invalid_grant (a refresh token presented twice, or revoked). */
    invalidGrants: 0,
    /** REST calls answered 429 because the quota was spent. */
    quotaRejected: 0,
  });
}

interface DeviceGrant {
  userCode: string;
  expiresAt: number;
  /** The approving account's e-mail, `false` when denied. */
  approvedBy: string | false | undefined;
}

const OAUTH_HEADERS = { 'cache-control': 'no-store' };
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/**
 * A faithful tado° cloud (tado.md §7.5): the device authorization grant on
 * `/oauth2/*` (query-string and form parameters alike), device codes a test
 * or the sandbox user approves (`approve()`, or opening the verification link,
 * as a signed-in browser does), 10-minute RS256-shaped JWT access tokens with
 * `tado_homes`, 30-day single-use refresh tokens answering reuse with tado's
 * exact 400, and the daily quota: `ratelimit` / `ratelimit-policy` on every
 * REST answer and a 429 with an empty body once it is spent.
 */
export class TadoCloud extends MockCloud {
  /** What the simulator answered so far: the mock base's counters and tado's own. */
  readonly counts: TadoCloudCounts = tadoCounts();
  /** tado renews with (single-use) refresh tokens. */
  readonly renewsBy = 'refresh';
  /** Access token lifetime, ms. */
  readonly accessTtlMs: number;
  readonly #clock: Clock;
  readonly #accounts: Map<string, MockTadoAccount>;
  readonly #interval: number;
  readonly #deviceTtlMs: number;
  readonly #refreshTtlMs: number;
  readonly #quota: number;
  readonly #windowMs: number;
  readonly #autoApprove: string | undefined;
  readonly #overlayNoContent: boolean;
  readonly #devices = new Map<string, DeviceGrant>();
  readonly #access = new MockTokens<string>();
  readonly #refresh = new MockTokens<string>();
  readonly #used = new Map<string, { remaining: number; resetsAt: number }>();
  readonly #zones: ZoneBoard;

  constructor(options: TadoCloudOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    const accounts = options.accounts ?? DEMO_ACCOUNTS;
    this.#accounts = new Map(accounts.map((a) => [a.email, a]));
    this.#interval = options.interval ?? 5;
    this.#deviceTtlMs = options.deviceCodeTtlMs ?? 300_000;
    this.accessTtlMs = options.accessTtlMs ?? 600_000;
    this.#refreshTtlMs = options.refreshTtlMs ?? 30 * 86_400_000;
    this.#quota = options.dailyQuota ?? 20_000;
    this.#windowMs = options.quotaWindowMs ?? 86_400_000;
    this.#autoApprove =
      options.autoApprove === true
        ? accounts[0]?.email
        : options.autoApprove === false
          ? undefined
          : options.autoApprove;
    this.#overlayNoContent = options.overlayNoContent ?? false;
    this.#zones = new ZoneBoard();
  }

  /** The fetch-style handler; serve it with `handlerFetch` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path.endsWith('/oauth2/device_authorize') && request.method === 'POST')
      return this.#authorize(request);
    if (path.endsWith('/oauth2/token') && request.method === 'POST') return this.#token(request);
    if (path.endsWith('/oauth2/device') && request.method === 'GET') return this.#devicePage(url);
    const api = path.indexOf('/api/v2/');
    if (api !== -1) return this.#rest(request, path.slice(api + '/api/v2'.length));
    return jsonResponse({ errors: [{ code: 'notFound', title: 'not found' }] }, 404);
  };

  /** Approves the device code shown as `userCode` for `email` (default: the first account). */
  approve(userCode: string, email?: string): boolean {
    const grant = this.#grantByUserCode(userCode);
    const account = email ?? [...this.#accounts.keys()][0];
    if (grant === undefined || account === undefined || !this.#accounts.has(account)) return false;
    grant.approvedBy = account;
    return true;
  }

  /** Refuses the device code shown as `userCode` (the poll then answers `access_denied`). */
  deny(userCode: string): boolean {
    const grant = this.#grantByUserCode(userCode);
    if (grant === undefined) return false;
    grant.approvedBy = false;
    return true;
  }

  /** User codes waiting for approval. */
  pendingUserCodes(): string[] {
    const now = this.#clock.now();
    return [...this.#devices.values()]
      .filter((g) => g.approvedBy === undefined && g.expiresAt > now)
      .map((g) => g.userCode);
  }

  /** Server-side: every access token issued so far stops working. */
  revokeAccessTokens(): void {
    this.#access.revokeAll();
  }

  /** Server-side: every refresh token stops working, so renewal must log in (a device-code approval). */
  revokeRefreshTokens(): void {
    this.#refresh.revokeAll();
  }

  /** Sets how many REST calls `email` (default: every account) has left in the current window. */
  setRemainingQuota(remaining: number, email?: string): void {
    const now = this.#clock.now();
    for (const account of email === undefined ? this.#accounts.keys() : [email]) {
      const window = this.#window(account, now);
      window.remaining = remaining;
    }
  }

  /** Issues a session for `email` directly (a test's or bench's "logged in earlier"). */
  issueTokens(email?: string): { accessToken: string; refreshToken: string; expiresIn: number } {
    const account = email ?? [...this.#accounts.keys()][0] ?? '';
    const issued = this.#issue(account);
    return {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      expiresIn: issued.expires_in,
    };
  }

  async #authorize(request: Request): Promise<Response> {
    const params = await oauthParams(request);
    const fault = this.takeLoginFault();
    if (fault?.kind === 'rate-limit') {
      return new Response(null, {
        status: 429,
        headers:
          fault.retryAfterMs === undefined
            ? {}
            : { 'retry-after': String(Math.ceil(fault.retryAfterMs / 1000)) },
      });
    }
    if (fault) return jsonResponse({ error: 'server_error' }, fault.status);
    if (params.get('client_id') !== TADO_CLIENT_ID) return missingClientId();
    this.counts.deviceAuthorizations++;
    const deviceCode = randomBytes(24).toString('base64url');
    const userCode = Array.from(
      randomBytes(6),
      (b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length],
    ).join('');
    this.#devices.set(deviceCode, {
      userCode,
      expiresAt: this.#clock.now() + this.#deviceTtlMs,
      approvedBy: this.#autoApprove,
    });
    const base = new URL(request.url);
    const page = `${base.origin}${base.pathname.replace(/_authorize$/, '')}`;
    return jsonResponse(
      {
        device_code: deviceCode,
        expires_in: Math.round(this.#deviceTtlMs / 1000),
        interval: this.#interval,
        user_code: userCode,
        verification_uri: page,
        // As tado sends it: without client_id (the page then refuses it, §1.3).
        verification_uri_complete: `${page}?user_code=${userCode}`,
      },
      200,
      OAUTH_HEADERS,
    );
  }

  async #token(request: Request): Promise<Response> {
    const params = await oauthParams(request);
    if (params.get('client_id') !== TADO_CLIENT_ID) return missingClientId();
    const grant = params.get('grant_type');
    if (grant === DEVICE_CODE_GRANT) return this.#pollDevice(params.get('device_code') ?? '');
    if (grant === 'refresh_token') return this.#refreshGrant(params.get('refresh_token') ?? '');
    return oauthError(
      400,
      'unsupported_grant_type',
      'The grant_type is not supported.',
      'invalid_grant_type',
    );
  }

  #pollDevice(deviceCode: string): Response {
    const grant = this.#devices.get(deviceCode);
    if (grant === undefined) {
      return oauthError(400, 'invalid_request', 'The device_code is invalid.', 'invalid_device_code');
    }
    if (this.#clock.now() >= grant.expiresAt) {
      this.#devices.delete(deviceCode);
      this.counts.failedLogins++;
      return oauthError(400, 'expired_token', 'The device_code has expired.', 'expired_device_code');
    }
    if (grant.approvedBy === undefined) {
      this.counts.pendingPolls++;
      return oauthError(400, 'authorization_pending', 'The authorization is pending.', 'auth_pending');
    }
    this.#devices.delete(deviceCode);
    if (grant.approvedBy === false) {
      this.counts.failedLogins++;
      return oauthError(400, 'access_denied', 'The user denied the request.', 'access_denied');
    }
    this.counts.logins++;
    return jsonResponse(this.#issue(grant.approvedBy), 200, OAUTH_HEADERS);
  }

  #refreshGrant(token: string): Response {
    const fault = this.takeRefreshFault();
    if (fault?.kind === 'rate-limit') return new Response(null, { status: 429 });
    if (fault) return jsonResponse({ error: 'server_error' }, fault.status);
    const account = this.#refresh.lookup(token, this.#clock.now());
    if (account === undefined) {
      this.counts.failedRefreshes++;
      this.counts.invalidGrants++;
      // The exact body tado sends when a rotated token is presented again (tado.md §1.6).
      return oauthError(400, 'invalid_grant', 'The refresh_token is invalid.', 'refresh_token_not_found');
    }
    // Single use: spent now, whatever happens next.
    this.#refresh.revoke(token);
    this.counts.refreshes++;
    return jsonResponse(this.#issue(account), 200, OAUTH_HEADERS);
  }

  #devicePage(url: URL): Response {
    const userCode = url.searchParams.get('user_code');
    if (url.searchParams.get('client_id') !== TADO_CLIENT_ID) return missingClientId();
    const grant = userCode === null ? undefined : this.#grantByUserCode(userCode);
    if (grant === undefined || grant.expiresAt <= this.#clock.now()) return missingClientId();
    // The page approves for the account the browser is signed in to: here the first one.
    if (grant.approvedBy === undefined) this.approve(grant.userCode);
    return new Response(`<!doctype html><title>tado</title><p>Device ${grant.userCode} connected.</p>`, {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  }

  async #rest(request: Request, path: string): Promise<Response> {
    this.counts.requests++;
    const now = this.#clock.now();
    const auth = request.headers.get('authorization') ?? '';
    const account = this.#access.lookup(auth.startsWith('Bearer ') ? auth.slice(7) : '', now);
    if (this.rejectingAll || account === undefined) {
      this.counts.rejectedRequests++;
      return jsonResponse({ errors: [{ code: 'unauthorized', title: 'access token is expired' }] }, 401);
    }
    const window = this.#window(account, now);
    const policy = { 'ratelimit-policy': `"perday";q=${this.#quota};w=${Math.round(this.#windowMs / 1000)}` };
    if (window.remaining <= 0) {
      this.counts.rateLimited++;
      this.counts.quotaRejected++;
      const t = Math.max(1, Math.ceil((window.resetsAt - now) / 1000));
      return new Response(null, { status: 429, headers: { ...policy, ratelimit: `"perday";r=0;t=${t}` } });
    }
    window.remaining--;
    const headers =
      window.remaining === 0
        ? { ...policy, ratelimit: `"perday";r=0;t=${Math.max(1, Math.ceil((window.resetsAt - now) / 1000))}` }
        : { ...policy, ratelimit: `"perday";r=${window.remaining}` };
    const answer = await this.#zones.answer(
      request,
      path,
      this.#accounts.get(account),
      this.#overlayNoContent,
    );
    for (const [name, value] of Object.entries(headers)) answer.headers.set(name, value);
    return answer;
  }

  #window(account: string, now: number): { remaining: number; resetsAt: number } {
    let window = this.#used.get(account);
    if (window === undefined || now >= window.resetsAt) {
      window = { remaining: this.#quota, resetsAt: now + this.#windowMs };
      this.#used.set(account, window);
    }
    return window;
  }

  #grantByUserCode(userCode: string): DeviceGrant | undefined {
    const wanted = userCode.trim().toUpperCase();
    return [...this.#devices.values()].find((g) => g.userCode === wanted);
  }

  #issue(email: string) {
    const now = this.#clock.now();
    const account = this.#accounts.get(email);
    const iat = Math.floor(now / 1000);
    const access = fakeJwt(
      {
        aud: ['partner'],
        exp: iat + Math.round(this.accessTtlMs / 1000),
        iat,
        nbf: iat,
        iss: 'tado',
        sub: randomUUID(),
        jti: randomUUID(),
        email,
        email_verified: true,
        roles: [],
        auth_time: iat,
        applicationId: TADO_CLIENT_ID,
        tado_homes: (account?.homes ?? []).map((h) => ({ id: h.id })),
        tado_scope: ['home.user', 'identity:read'],
        tado_username: email,
        name: account?.name ?? email,
        tado_client_id: 'tado-device-linking',
      },
      {
        header: {
          alg: 'RS256',
          typ: 'JWT',
          gty: [DEVICE_CODE_GRANT, 'refresh_token'],
          kid: 'mock-key',
        },
      },
    );
    this.#access.issue(access, email, now + this.accessTtlMs);
    const refresh = this.#refresh.issue(
      randomBytes(32).toString('base64url'),
      email,
      now + this.#refreshTtlMs,
    );
    return {
      access_token: access,
      expires_in: Math.round(this.accessTtlMs / 1000) - 1,
      refresh_token: refresh,
      scope: 'offline_access',
      token_type: 'bearer',
      userId: email,
    };
  }
}

function oauthError(status: number, error: string, description: string, reason: string): Response {
  return jsonResponse({ error, error_description: description, error_reason: reason }, status, OAUTH_HEADERS);
}

/** What tado's page and token endpoint answer without the public client id (§1.3). */
function missingClientId(): Response {
  return oauthError(
    400,
    'invalid_request',
    'The request is missing a required parameter: client_id',
    'missing_client_id',
  );
}
