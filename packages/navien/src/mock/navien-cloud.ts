import { randomUUID } from 'node:crypto';
import {
  MockCloud,
  type MockCloudCounts,
  type MockFault,
  MockTokens,
  mockCloudCounts,
} from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { DEMO_ACCOUNTS, type MockAccount, type MockDevice } from './demo-accounts.js';
import { type MockTou, RECORDED_FIRMWARES, recordedTou } from './recorded-device-data.js';
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

/** What `POST /app/update-push-token` registered for an account, as the client sent it. */
export interface MockPushRegistration {
  pushToken: string;
  modelName?: unknown;
  appVersion?: unknown;
  os?: unknown;
  osVersion?: unknown;
}

/** Fields of a request: the JSON body of a POST or PUT, the query of a GET. */
type Params = Record<string, unknown>;

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
 * credentials, the device list, info and firmware calls, the time-of-use
 * plan (`GET` reads what the last `PUT` applied), push-token registration,
 * real lifetimes, and errors in both places the cloud uses (HTTP status and
 * JSON `code`). Paths match under
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
  /** Each device's current plan, by `account/mac/additionalValue`; seeded from the device on first use. */
  readonly #tou = new Map<string, MockTou>();
  readonly #pushTokens = new Map<string, MockPushRegistration>();

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
    const url = new URL(request.url);
    const path = url.pathname;
    // The one GET: its fields travel in the query string.
    if (request.method === 'GET' && path.endsWith('/device/tou')) {
      return this.#data(request, Object.fromEntries(url.searchParams), (account, query) =>
        this.#touRead(account, query),
      );
    }
    const write = request.method === 'POST' || (request.method === 'PUT' && path.endsWith('/device/tou'));
    if (!write) return reply({ code: 404, msg: 'NOT_FOUND', data: null }, 404);
    // Every write this mock serves carries JSON; a client that sends anything else is wrong on the wire.
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return reply({ code: 400, msg: 'Bad Request' }, 400);
    }
    if (request.method === 'PUT') return this.#data(request, undefined, (a, body) => this.#touWrite(a, body));
    if (path.endsWith('/user/sign-in')) return this.#signIn(request);
    if (path.endsWith('/auth/refresh')) return this.#refreshGrant(request);
    if (path.endsWith('/device/list'))
      return this.#data(request, undefined, (a, body) => this.#list(a, body));
    if (path.endsWith('/device/info'))
      return this.#data(request, undefined, (a, body) => this.#info(a, body));
    if (path.endsWith('/device/firmware/info')) {
      return this.#data(request, undefined, (a, body) => this.#firmware(a, body));
    }
    if (path.endsWith('/app/update-push-token')) {
      return this.#data(request, undefined, (a, body) => this.#pushToken(a, body));
    }
    return reply({ code: 404, msg: 'NOT_FOUND', data: null }, 404);
  };

  /** The push token last registered for `email` (`POST /app/update-push-token`), as it was sent. */
  pushRegistration(email: string): MockPushRegistration | undefined {
    return this.#pushTokens.get(email);
  }

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

  /** An authenticated call: `params` is the GET query, or (undefined) the JSON body read here. */
  async #data(
    request: Request,
    params: Params | undefined,
    serve: (account: string, params: Params) => Response,
  ): Promise<Response> {
    this.counts.requests++;
    // The live API takes the raw token; a `Bearer ` prefix is not accepted.
    const token = request.headers.get('authorization') ?? '';
    const grant = this.#access.lookup(token, this.#clock.now());
    if (this.rejectingAll || !grant) {
      this.counts.rejectedRequests++;
      return reply({ code: 401, msg: 'Unauthorized' }, this.#authFailure === 'http' ? 401 : 200);
    }
    const fields = params ?? (await readJson(request));
    if (fields.userId !== grant.account) return reply({ code: 403, msg: 'FORBIDDEN' }, 403);
    return serve(grant.account, fields);
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

  #device(account: string, fields: Params): MockDevice | undefined {
    return (this.#accounts.get(account)?.devices ?? []).find(
      (d) => d.macAddress === fields.macAddress && d.additionalValue === fields.additionalValue,
    );
  }

  #info(account: string, body: Params): Response {
    const device = this.#device(account, body);
    // The cloud reports a missing device in the JSON code of an HTTP 200.
    if (!device) return notFoundIn200();
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

  #firmware(account: string, body: Params): Response {
    const device = this.#device(account, body);
    if (!device) return notFoundIn200();
    const firmwares = (device.firmwares ?? RECORDED_FIRMWARES).map((module) => ({
      macAddress: device.macAddress,
      additionalValue: device.additionalValue,
      deviceType: device.deviceType,
      ...module,
    }));
    return reply({ ...SUCCESS, data: { firmwares } });
  }

  /** `GET /device/tou`: the device's plan, in the recorded shape. */
  #touRead(account: string, query: Params): Response {
    // nwp500 always sends all five; the cloud's answer to a missing one is not recorded.
    for (const key of ['macAddress', 'additionalValue', 'controllerId', 'userType']) {
      if (typeof query[key] !== 'string' || query[key] === '')
        return reply({ code: 400, msg: 'Bad Request' }, 400);
    }
    const device = this.#device(account, query);
    if (!device) return notFoundIn200();
    const tou = this.#planOf(account, device);
    const { registerPath, sourceType, ...plan } = tou;
    return reply({
      ...SUCCESS,
      data: {
        registerPath,
        sourceType,
        touInfo: {
          controllerId: device.controllerId ?? '00000000BT00000000',
          manufactureId: device.manufactureId ?? '000000000000000',
          ...plan,
        },
      },
    });
  }

  /**
   * `PUT /device/tou` (nwp500's `update_tou`): the plan is stored and the
   * reply carries it back in the shape of nwp500's test (`sourceType` and
   * `touInfo` without the controller ids). ZIP codes come as strings and are
   * answered as numbers, as the recording has them.
   */
  #touWrite(account: string, body: Params): Response {
    const device = this.#device(account, body);
    if (!device) return notFoundIn200();
    const touInfo = asRecord(body.touInfo);
    if (!touInfo || typeof touInfo.name !== 'string' || !Array.isArray(touInfo.schedule)) {
      return reply({ code: 400, msg: 'Bad Request' }, 400);
    }
    const zip = body.zipCode ?? touInfo.zipCode;
    const zipCode = typeof zip === 'string' && /^\d+$/.test(zip) ? Number(zip) : zip;
    const plan: MockTou = {
      registerPath: typeof body.registerPath === 'string' ? body.registerPath : 'wifi',
      sourceType: typeof body.sourceType === 'string' ? body.sourceType : 'openei',
      name: touInfo.name,
      schedule: structuredClone(touInfo.schedule) as MockTou['schedule'],
      ...(typeof touInfo.utility === 'string' ? { utility: touInfo.utility } : {}),
      ...(typeof zipCode === 'number' || typeof zipCode === 'string' ? { zipCode } : {}),
    };
    this.#tou.set(deviceKey(account, device), plan);
    const { registerPath: _path, sourceType, ...stored } = plan;
    return reply({ ...SUCCESS, data: { sourceType, touInfo: stored } });
  }

  #planOf(account: string, device: MockDevice): MockTou {
    const key = deviceKey(account, device);
    let plan = this.#tou.get(key);
    if (plan === undefined) {
      plan = structuredClone(device.tou ?? recordedTou());
      this.#tou.set(key, plan);
    }
    return plan;
  }

  /** `POST /app/update-push-token`: remembered per account; the reply is the bare success envelope. */
  #pushToken(account: string, body: Params): Response {
    if (typeof body.pushToken !== 'string' || body.pushToken === '') {
      return reply({ code: 400, msg: 'Bad Request' }, 400);
    }
    const { modelName, appVersion, os, osVersion } = body;
    this.#pushTokens.set(account, { pushToken: body.pushToken, modelName, appVersion, os, osVersion });
    return reply(SUCCESS);
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

/** How the cloud reports a device the account does not have: the JSON code of an HTTP 200. */
function notFoundIn200(): Response {
  return reply({ code: 404, msg: 'NOT_FOUND', data: null });
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

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function deviceKey(account: string, device: MockDevice): string {
  return `${account}/${device.macAddress}/${device.additionalValue}`;
}
