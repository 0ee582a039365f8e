import { randomUUID } from 'node:crypto';
import {
  MockCloud,
  type MockCloudCounts,
  type MockFault,
  MockTokens,
  mockCloudCounts,
} from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { DEMO_ACCOUNTS, type MockAccount } from './demo-accounts.js';
import { cognitoRefreshToken, cognitoTokens, stsCredentials } from './token-factory.js';

/** Options of {@link NavienCloud}. */
export interface NavienCloudOptions {
  clock?: Clock;
  /** Accounts by e-mail. Default {@link DEMO_ACCOUNTS}. */
  accounts?: Record<string, MockAccount>;
  /** JWT lifetime (`authenticationExpiresIn`). Default 3600 s. */
  accessTtlSeconds?: number;
  /** AWS credential lifetime (`authorizationExpiresIn`). Default 3600 s. */
  awsTtlSeconds?: number;
  /** Refresh-token lifetime; the real one is unknown (a refresh 10.5 h after sign-in worked). Default 30 days. */
  refreshTtlMs?: number;
  /** Issue a new refresh token on refresh. Default false: the recording echoed it unchanged. */
  rotateRefreshTokens?: boolean;
  /** Refresh replies carry only `accessToken` and `authenticationExpiresIn` (a shape the client must accept). */
  refreshOmitsTokens?: boolean;
  /**
   * How a data call with a bad token is refused: `http` = HTTP 401 with
   * `{code:401}`; `code` = HTTP 200 with `{code:401}`. Default `http`.
   */
  authFailure?: 'http' | 'code';
}

/** What the mock cloud has seen: the counters every simulator keeps (Navien adds none). */
export type NavienCloudCounts = MockCloudCounts;

/** AWS credentials the cloud issued, for a simulated AWS IoT gateway to check signatures against. */
export interface IssuedAwsCredentials {
  account: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
}

interface Grant {
  account: string;
  authTimeS: number;
}

const SUCCESS = { code: 200, msg: 'SUCCESS' };

// The two documents of the recorded sign-in (privacy policy, terms of service).
const LEGAL = [
  {
    legalType: 'pp',
    userVersion: '02.00',
    userAgree: 1,
    version: '02.00',
    agreement: 1,
    mandatory: 1,
    reagree: 2,
    url: 'https://privacy.naviensmartcontrol.com/docs/view?serviceCode=12&docType=P&writeTime=2023-04-28',
    description: 'Initial legal description.',
    language: 'US',
    revisionAt: 1682640000000,
  },
  {
    legalType: 'tc',
    userVersion: '01.00',
    userAgree: 1,
    version: '01.00',
    agreement: 1,
    mandatory: 1,
    reagree: 2,
    url: 'https://nlus-terms.naviensmartcontrol.com/terms-of-service/navilink/index_v01.00.html',
    description: 'Initial legal description.',
    language: 'US',
    revisionAt: 1682640000000,
  },
];

/**
 * A stateful simulator of the NaviLink REST cloud (`/api/v2.1`): sign-in
 * with Cognito-shaped JWTs and STS credentials, refresh without AWS
 * credentials, the device list and info calls, real lifetimes, and errors in
 * both places the cloud uses (HTTP status and JSON `code`). Paths match under
 * any prefix, so serve it at `<origin>/api/v2.1` or at the origin. The
 * controls and counters are the mock base's (`MockCloud`); the AWS
 * credentials it issues can be checked by a simulated AWS IoT gateway
 * ({@link lookupAwsCredentials}).
 */
export class NavienCloud extends MockCloud {
  /** What the cloud has seen so far. */
  readonly counts: NavienCloudCounts = mockCloudCounts();
  /** Navien renews the JWTs with a refresh token (AWS credentials only by a sign-in). */
  readonly renewsBy = 'refresh' as const;
  /** JWT lifetime in seconds. */
  readonly accessTtlSeconds: number;
  /** AWS credential lifetime in seconds. */
  readonly awsTtlSeconds: number;
  readonly #clock: Clock;
  readonly #accounts: Map<string, MockAccount>;
  readonly #refreshTtlMs: number;
  readonly #rotate: boolean;
  readonly #omitTokens: boolean;
  readonly #authFailure: 'http' | 'code';
  readonly #subs = new Map<string, string>();
  readonly #access = new MockTokens<Grant>();
  readonly #refresh = new MockTokens<Grant>();
  readonly #aws = new Map<string, IssuedAwsCredentials>();

  /** A cloud with the demo accounts and the documented lifetimes unless told otherwise. */
  constructor(options: NavienCloudOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    this.#accounts = new Map(Object.entries(options.accounts ?? DEMO_ACCOUNTS));
    this.accessTtlSeconds = options.accessTtlSeconds ?? 3600;
    this.awsTtlSeconds = options.awsTtlSeconds ?? 3600;
    this.#refreshTtlMs = options.refreshTtlMs ?? 30 * 86_400_000;
    this.#rotate = options.rotateRefreshTokens ?? false;
    this.#omitTokens = options.refreshOmitsTokens ?? false;
    this.#authFailure = options.authFailure ?? 'http';
  }

  /** The fetch-style handler; serve it with `handlerFetch`, `mswHandlers` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (request.method !== 'POST') return reply({ code: 404, msg: 'NOT_FOUND', data: null }, 404);
    // Every call this mock serves is a JSON POST; a client that sends anything else is wrong on the wire.
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return reply({ code: 400, msg: 'Bad Request' }, 400);
    }
    if (path.endsWith('/user/sign-in')) return this.#signIn(request);
    if (path.endsWith('/auth/refresh')) return this.#refreshGrant(request);
    if (path.endsWith('/device/list'))
      return this.#data(request, (account, body) => this.#list(account, body));
    if (path.endsWith('/device/info'))
      return this.#data(request, (account, body) => this.#info(account, body));
    return reply({ code: 404, msg: 'NOT_FOUND', data: null }, 404);
  };

  /** Every access token and AWS credential issued so far stops working. */
  revokeAccessTokens(): void {
    this.#access.revokeAll();
    this.#aws.clear();
  }

  /** Every refresh token stops working (refresh answers 401). */
  revokeRefreshTokens(): void {
    this.#refresh.revokeAll();
  }

  /** Issued AWS credentials by key id, while they are valid; `undefined` once expired or revoked. */
  lookupAwsCredentials(accessKeyId: string): IssuedAwsCredentials | undefined {
    const issued = this.#aws.get(accessKeyId);
    return issued && issued.expiresAt > this.#clock.now() ? issued : undefined;
  }

  async #signIn(request: Request): Promise<Response> {
    const body = await readJson(request);
    const userId = typeof body.userId === 'string' ? body.userId : undefined;
    if (userId === undefined || typeof body.password !== 'string') {
      return reply({ code: 400, msg: 'Bad Request' }, 400);
    }
    const fault = this.takeLoginFault();
    if (fault) return faultReply(fault);
    const account = this.#accounts.get(userId);
    if (!account || account.password !== body.password) {
      this.counts.failedLogins++;
      return reply({ code: 401, msg: 'Invalid credentials' }, 401);
    }
    this.counts.logins++;
    const now = this.#clock.now();
    const authTimeS = Math.floor(now / 1000);
    const refreshToken = cognitoRefreshToken();
    this.#refresh.issue(refreshToken, { account: userId, authTimeS }, now + this.#refreshTtlMs);
    const aws = stsCredentials();
    this.#aws.set(aws.accessKeyId, {
      account: userId,
      secretAccessKey: aws.secretKey,
      sessionToken: aws.sessionToken,
      expiresAt: now + this.awsTtlSeconds * 1000,
    });
    return reply({
      ...SUCCESS,
      data: {
        userInfo: {
          userType: 'O',
          userFirstName: account.firstName ?? '',
          userLastName: account.lastName ?? '',
          userStatus: 'NORMAL',
          userSeq: 36283,
        },
        legal: LEGAL,
        token: {
          ...this.#issueJwts(userId, authTimeS),
          refreshToken,
          authenticationExpiresIn: this.accessTtlSeconds,
          ...aws,
          authorizationExpiresIn: this.awsTtlSeconds,
        },
      },
    });
  }

  async #refreshGrant(request: Request): Promise<Response> {
    const body = await readJson(request);
    const fault = this.takeRefreshFault();
    if (fault) return faultReply(fault);
    const token = typeof body.refreshToken === 'string' ? body.refreshToken : '';
    const grant = this.#refresh.lookup(token, this.#clock.now());
    if (!grant) {
      this.counts.failedRefreshes++;
      return reply({ code: 401, msg: 'Invalid refresh token' }, 401);
    }
    this.counts.refreshes++;
    let refreshToken = token;
    if (this.#rotate) {
      this.#refresh.revoke(token);
      refreshToken = this.#refresh.issue(
        cognitoRefreshToken(),
        grant,
        this.#clock.now() + this.#refreshTtlMs,
      );
    }
    const { idToken, accessToken } = this.#issueJwts(grant.account, grant.authTimeS);
    const data = this.#omitTokens
      ? { accessToken, authenticationExpiresIn: this.accessTtlSeconds }
      : { idToken, accessToken, refreshToken, authenticationExpiresIn: this.accessTtlSeconds };
    return reply({ ...SUCCESS, data });
  }

  async #data(
    request: Request,
    serve: (account: string, body: Record<string, unknown>) => Response,
  ): Promise<Response> {
    this.counts.requests++;
    // The live API takes the raw token; a `Bearer ` prefix is not accepted.
    const token = request.headers.get('authorization') ?? '';
    const grant = this.#access.lookup(token, this.#clock.now());
    if (this.rejectingAll || !grant) {
      this.counts.rejectedRequests++;
      return reply({ code: 401, msg: 'Unauthorized' }, this.#authFailure === 'http' ? 401 : 200);
    }
    const body = await readJson(request);
    if (body.userId !== grant.account) return reply({ code: 403, msg: 'FORBIDDEN' }, 403);
    return serve(grant.account, body);
  }

  #list(account: string, body: Record<string, unknown>): Response {
    const offset = body.offset;
    const count = body.count;
    if (typeof offset !== 'number' || typeof count !== 'number' || count < 1 || count > 20) {
      return reply({ code: 400, msg: 'Bad Request' }, 400);
    }
    const devices = this.#accounts.get(account)?.devices ?? [];
    const data = devices.slice(offset, offset + count).map((device) => ({
      deviceInfo: {
        homeSeq: device.homeSeq,
        macAddress: device.macAddress,
        additionalValue: device.additionalValue,
        deviceType: device.deviceType,
        deviceName: device.deviceName,
        connected: device.connected,
      },
      location: {
        state: device.location.state,
        city: device.location.city,
        address: device.location.address,
      },
    }));
    return reply({ ...SUCCESS, data });
  }

  #info(account: string, body: Record<string, unknown>): Response {
    const device = (this.#accounts.get(account)?.devices ?? []).find(
      (d) => d.macAddress === body.macAddress && d.additionalValue === body.additionalValue,
    );
    // The cloud reports a missing device in the JSON code of an HTTP 200.
    if (!device) return reply({ code: 404, msg: 'NOT_FOUND', data: null });
    return reply({
      ...SUCCESS,
      data: {
        deviceInfo: {
          homeSeq: device.homeSeq,
          deviceName: device.deviceName,
          deviceType: device.deviceType,
          installType: device.installType ?? 'R',
          connected: device.connected,
        },
        location: { latitude: null, longitude: null, ...device.location, altitude: null },
        installer: {
          installerId: null,
          installerFirstName: null,
          installerLastName: null,
          installerPhoneNumber: null,
        },
        alarmInfo: { isEtcAlarm: 1, isErrorAlarm: 1 },
        descaling: { descalingStartTime: null, descalingEndTime: null },
      },
    });
  }

  #issueJwts(account: string, authTimeS: number): { idToken: string; accessToken: string } {
    const now = this.#clock.now();
    let sub = this.#subs.get(account);
    if (sub === undefined) {
      sub = randomUUID();
      this.#subs.set(account, sub);
    }
    const tokens = cognitoTokens(account, sub, Math.floor(now / 1000), authTimeS, this.accessTtlSeconds);
    this.#access.issue(tokens.accessToken, { account, authTimeS }, now + this.accessTtlSeconds * 1000);
    return tokens;
  }
}

/** A fault the mock base asked for, in the cloud's shape (429 with `Retry-After` in seconds). */
function faultReply(fault: MockFault): Response {
  if (fault.kind === 'rate-limit') {
    const headers: Record<string, string> =
      fault.retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(fault.retryAfterMs / 1000)) };
    return reply({ code: 429, msg: 'Too Many Requests' }, 429, headers);
  }
  return reply({ code: fault.status, msg: 'Internal Server Error' }, fault.status);
}

function reply(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const body: unknown = await request.json().catch(() => undefined);
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}
