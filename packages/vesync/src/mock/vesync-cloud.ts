import { createHash, randomBytes } from 'node:crypto';
import {
  fakeJwt,
  MockCloud,
  type MockCloudCounts,
  MockTokens,
  mockCloudCounts,
} from '@tokenwise/auth-core/mock';
import { type Clock, systemClock } from '@tokenwise/auth-core/vendor';
import { APP_ID, PATHS } from '../constants.js';
import { VeSyncCodes } from '../errors.js';
import type { VeSyncRegion } from '../region.js';
import { DeviceRegistry, type MockDevice } from './device-registry.js';
import { envelope, plainFailure } from './envelope.js';
import { DEMO_ACCOUNTS, type VeSyncMockAccount } from './mock-accounts.js';

/** Options of {@link VeSyncCloud}. */
export interface VeSyncCloudOptions {
  clock?: Clock | undefined;
  /** Default {@link DEMO_ACCOUNTS}. */
  accounts?: readonly VeSyncMockAccount[] | undefined;
  /** Token lifetime. Default 30 days, as observed in VeSync's JWTs. */
  tokenTtlMs?: number | undefined;
  /** How long a step-1 authorize code stays usable. Default 10 minutes. */
  authorizeCodeTtlMs?: number | undefined;
  /** Step-1 logins per account allowed in a sliding window before `-16903086`. Default 30 per 30 minutes; `false` turns it off. */
  loginBurst?: { max: number; windowMs: number } | false | undefined;
  /** Step-1 logins per account per UTC day before `-16906086`. Default: unlimited. */
  dailyLoginQuota?: number | undefined;
  /** Data calls per account per UTC day before `-16906086`. Default VeSync's formula, 3200 + 1500 × devices. */
  dailyRequestQuota?: ((account: VeSyncMockAccount) => number) | undefined;
  /** HTTP status of token-error answers. VeSync uses 200; 401/419 exercise clients' defensive paths. */
  tokenErrorStatus?: 200 | 401 | 419 | undefined;
  /** Which region a request was sent to. Default: a `.eu` host or an `/eu` path prefix is EU, anything else US. */
  regionOf?: ((url: URL) => VeSyncRegion) | undefined;
}

/** What the mock cloud has seen: the mock base's counters and VeSync's own. */
export interface VeSyncCloudCounts extends MockCloudCounts {
  /** Step-2 answers `-11260022`. */
  crossRegion: number;
  /** "New login to your VeSync account" e-mails: logins from a terminal id the account had not used. */
  newLoginEmails: number;
}

/** One authenticated data call, as the cloud saw it (tests check which token a replay carried). */
export interface VeSyncCloudRequest {
  path: string;
  region: VeSyncRegion;
  token: string;
  code: number;
}

interface AuthorizeCode {
  email: string;
  terminalId: string;
  expiresAt: number;
}

interface BizToken {
  email: string;
  authorizeCode: string;
}

interface IssuedToken {
  email: string;
  region: VeSyncRegion;
}

type Body = Record<string, unknown>;

const LOG_LIMIT = 1_000;
/** The answer to an unknown path or a non-POST call: pyvesync's `METHOD_NOT_FOUND` family, inside HTTP 200. */
const METHOD_NOT_FOUND = -11004000;
/** A malformed data-call envelope (the code the EU host answers malformed calls with). */
const ILLEGAL_ARGUMENT = -11000022;
/** A device that is not connected: the code pyvesync 2.x and the homebridge plugins test for. */
const DEVICE_OFFLINE = -11300030;
/** A `cid` the account does not have: pyvesync's `DEVICE_NOT_EXIST` family (the wire suffix is not recorded). */
const DEVICE_NOT_FOUND = -11301000;
const DAY_MS = 86_400_000;

/**
 * A stateful simulator of VeSync's cloud, written from its wire format: the
 * two login steps on two regional hosts with cross-region redirects,
 * single-use authorize codes and bizTokens, 30-day JWT tokens bound to the
 * issuing host, terminal-id tracking ("new login" e-mails), every result
 * code the SDK handles, login and request quotas, paged device lists, and
 * stateful devices behind `bypassV2`, `deviceDetail` and `deviceStatus` (a
 * write shows in the next read and in the list). Everything, application
 * errors included, answers HTTP 200 with the `{traceId, code, msg, result}`
 * envelope; a device's own refusal is the inner `result.code` of a bypass answer.
 * The mock base's controls apply: `failNextLogin` and `rateLimitNextLogin`
 * hit step 1, `rejectAllRequests` the data calls.
 */
export class VeSyncCloud extends MockCloud {
  /** What the cloud has seen. */
  readonly counts: VeSyncCloudCounts = mockCloudCounts({ crossRegion: 0, newLoginEmails: 0 });
  /** VeSync has no refresh endpoint: every renewal is the two-step login. */
  readonly renewsBy = 'login';
  /** The last authenticated data calls (at most 1 000). */
  readonly requestLog: VeSyncCloudRequest[] = [];
  /** Token lifetime in ms. */
  readonly tokenTtlMs: number;
  readonly #clock: Clock;
  readonly #accounts = new Map<string, VeSyncMockAccount>();
  readonly #codeTtlMs: number;
  readonly #burst: { max: number; windowMs: number } | false;
  readonly #dailyLogins: number;
  readonly #dailyRequests: (account: VeSyncMockAccount) => number;
  readonly #tokenErrorStatus: number;
  readonly #regionOf: (url: URL) => VeSyncRegion;
  readonly #codes = new Map<string, AuthorizeCode>();
  readonly #bizTokens = new Map<string, BizToken>();
  readonly #tokens = new MockTokens<IssuedToken>();
  readonly #terminals = new Map<string, Set<string>>();
  readonly #loginTimes = new Map<string, number[]>();
  readonly #daily = new Map<string, number>();
  readonly #devicesOf = new DeviceRegistry();

  constructor(options: VeSyncCloudOptions = {}) {
    super();
    this.#clock = options.clock ?? systemClock;
    for (const account of options.accounts ?? DEMO_ACCOUNTS) {
      this.#accounts.set(account.email.toLowerCase(), account);
    }
    this.tokenTtlMs = options.tokenTtlMs ?? 30 * DAY_MS;
    this.#codeTtlMs = options.authorizeCodeTtlMs ?? 600_000;
    this.#burst = options.loginBurst ?? { max: 30, windowMs: 30 * 60_000 };
    this.#dailyLogins = options.dailyLoginQuota ?? Number.POSITIVE_INFINITY;
    this.#dailyRequests = options.dailyRequestQuota ?? ((a) => 3200 + 1500 * (a.deviceCount ?? 2));
    this.#tokenErrorStatus = options.tokenErrorStatus ?? 200;
    this.#regionOf = options.regionOf ?? defaultRegionOf;
  }

  /** The fetch-style handler; serve it with MSW, `handlerFetch` or `startLoopbackServer`. */
  readonly handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const region = this.#regionOf(url);
    const route = (path: string) => url.pathname.endsWith(`/${path}`);
    // VeSync answers application errors inside HTTP 200, "method not found" included.
    // tsvesync sends some bypassV2 writes as PUT (its Dual200S fix): the cloud takes both there.
    const put = request.method === 'PUT' && route(PATHS.bypassV2);
    if (request.method !== 'POST' && !put) return envelope('', METHOD_NOT_FOUND, 'method not found');
    const body = await readJson(request);
    if (route(PATHS.authorize)) return this.#authorize(body);
    if (route(PATHS.token)) return this.#token(body, region);
    if (route(PATHS.devices)) return this.#devices(body, region);
    if (route(PATHS.bypassV2)) return this.#bypassV2(body, region);
    if (route(PATHS.deviceDetail)) return this.#deviceV1(body, region, 'deviceDetail');
    if (route(PATHS.deviceStatus)) return this.#deviceV1(body, region, 'deviceStatus');
    if (route(PATHS.legacyLogin)) {
      return region === 'US'
        ? envelope(body?.traceId, VeSyncCodes.appVersionTooLow, 'app version is too low')
        : envelope(body?.traceId, -11000022, 'illegal argument');
    }
    return envelope(body?.traceId, METHOD_NOT_FOUND, 'method not found');
  };

  /**
   * Takes a device off the cloud (`false`) or back on: while offline its
   * list entry says `connectionStatus: "offline"` and every call to it
   * answers `-11300030 "device offline"`. Throws for an unknown `cid`.
   */
  setDeviceOnline(cid: string, online: boolean): void {
    this.#device(cid).online = online;
  }

  /** The `cid`s of an account's devices, in list order (they exist from the first call). */
  deviceIds(email: string): string[] {
    const account = this.#accounts.get(email.toLowerCase());
    if (account === undefined) throw new Error(`No mock account ${email}`);
    return this.#devicesOf.of(account).list.map((d) => String(d.entry.cid));
  }

  /** Terminal ids an account has logged in from, oldest first. */
  terminalIds(email: string): string[] {
    return [...(this.#terminals.get(email.toLowerCase()) ?? [])];
  }

  /** Every token issued so far stops working (`-11001022`). */
  revokeAccessTokens(): void {
    this.#tokens.revokeAll();
  }

  /**
   * Does nothing: VeSync issues no refresh credential (renewal is a full
   * login), so there is nothing to revoke. Kept for the mock base's uniform controls.
   */
  revokeRefreshTokens(): void {}

  #authorize(body: Body | undefined): Response {
    const traceId = body?.traceId;
    // VeSync sends no Retry-After: a rate-limit fault is its "too frequent" code, whatever was asked.
    const fault = this.takeLoginFault();
    if (fault?.kind === 'status') return plainFailure(fault.status);
    if (fault?.kind === 'rate-limit') return rateLimitAnswer(traceId, VeSyncCodes.tooFrequent);
    if (
      body === undefined ||
      body.method !== 'authByPWDOrOTM' ||
      typeof body.email !== 'string' ||
      typeof body.password !== 'string' ||
      !/^[0-9a-f]{32}$/.test(body.password) ||
      typeof body.terminalId !== 'string' ||
      !/^2[0-9a-f]{32}$/.test(body.terminalId) ||
      body.appID !== APP_ID ||
      body.sourceAppID !== APP_ID
    ) {
      return envelope(traceId, VeSyncCodes.illegalArgument, 'illegal argument');
    }
    const email = body.email.toLowerCase();
    const account = this.#accounts.get(email);
    if (account === undefined) {
      this.counts.failedLogins++;
      return envelope(traceId, VeSyncCodes.accountNotFound, 'the account does not exist');
    }
    const quota = this.#loginQuota(email, traceId);
    if (quota) return quota;
    if (md5(account.password) !== body.password) {
      this.counts.failedLogins++;
      return envelope(traceId, VeSyncCodes.wrongPassword, 'account or password incorrect');
    }
    if (account.twoFactor) {
      this.counts.failedLogins++;
      return envelope(traceId, VeSyncCodes.twoFactorRequired, 'user login requires 2fa authentication', {
        bizToken: randomHex(16),
        mfaMethodList: ['email', 'otp', 'backupCode'],
      });
    }
    const authorizeCode = randomHex(16);
    this.#codes.set(authorizeCode, {
      email,
      terminalId: body.terminalId,
      expiresAt: this.#clock.now() + this.#codeTtlMs,
    });
    return envelope(traceId, 0, 'request success', {
      accountID: account.accountId,
      avatarIcon: 'https://image.vesync.com/defaultImages/user/avatar.png',
      nickName: account.email.split('@')[0],
      mailConfirmation: true,
      registerSourceDetail: null,
      verifyEmail: account.email,
      bizToken: null,
      mfaMethodList: null,
      authorizeCode,
      userType: '1',
    });
  }

  #token(body: Body | undefined, region: VeSyncRegion): Response {
    const traceId = body?.traceId;
    const code = typeof body?.authorizeCode === 'string' ? body.authorizeCode : '';
    const grant = this.#codes.get(code);
    if (
      body === undefined ||
      body.method !== 'loginByAuthorizeCode4Vesync' ||
      grant === undefined ||
      grant.expiresAt <= this.#clock.now() ||
      body.terminalId !== grant.terminalId
    ) {
      return envelope(traceId, VeSyncCodes.illegalArgument, 'illegal argument');
    }
    const account = this.#accounts.get(grant.email);
    if (account === undefined) return envelope(traceId, VeSyncCodes.illegalArgument, 'illegal argument');

    if (body.bizToken !== undefined) {
      const biz = typeof body.bizToken === 'string' ? this.#bizTokens.get(body.bizToken) : undefined;
      if (
        biz === undefined ||
        biz.authorizeCode !== code ||
        body.regionChange !== 'lastRegion' ||
        region !== account.region ||
        body.userCountryCode !== account.countryCode
      ) {
        return envelope(traceId, VeSyncCodes.regionConflict, 'access region conflict error.');
      }
      this.#bizTokens.delete(body.bizToken as string);
    } else if (region !== account.region || body.userCountryCode !== account.countryCode) {
      const bizToken = randomHex(16);
      this.#bizTokens.set(bizToken, { email: grant.email, authorizeCode: code });
      this.counts.crossRegion++;
      return envelope(traceId, VeSyncCodes.crossRegion, 'login trigger cross region error.', {
        ...profile(null),
        regionType: account.region === 'US' ? 0 : 1,
        currentRegion: account.region,
        token: null,
        countryCode: account.countryCode,
        accountID: account.accountId,
        bizToken,
      });
    }

    this.#codes.delete(code);
    const now = this.#clock.now();
    const expiresAt = now + this.tokenTtlMs;
    const token = this.#tokens.issue(
      fakeJwt({
        sub: account.accountId,
        terminalId: grant.terminalId,
        iat: Math.floor(now / 1000),
        exp: Math.floor(expiresAt / 1000),
        // Two logins in one second must still get two tokens.
        jti: randomHex(8),
      }),
      { email: grant.email, region },
      expiresAt,
    );
    const terminals = this.#terminals.get(grant.email) ?? new Set<string>();
    if (!terminals.has(grant.terminalId)) this.counts.newLoginEmails++;
    terminals.add(grant.terminalId);
    this.#terminals.set(grant.email, terminals);
    this.counts.logins++;
    return envelope(traceId, 0, 'request success', {
      ...profile(''),
      regionType: account.region === 'US' ? 0 : 1,
      currentRegion: account.region,
      token,
      countryCode: account.countryCode,
      accountID: account.accountId,
      bizToken: null,
    });
  }

  #devices(body: Body | undefined, region: VeSyncRegion): Response {
    const traceId = body?.traceId;
    const caller = this.#caller(body, region, PATHS.devices);
    if (caller instanceof Response) return caller;
    const { account, token } = caller;
    const pageNo = positiveInt(body?.pageNo, 1);
    const pageSize = positiveInt(body?.pageSize, 100);
    const devices = this.#devicesOf.entries(account);
    this.#log(PATHS.devices, region, token, 0);
    return envelope(traceId, 0, 'request success', {
      total: devices.length,
      pageSize,
      pageNo,
      list: devices.slice((pageNo - 1) * pageSize, pageNo * pageSize),
    });
  }

  /**
   * `cloud/v2/deviceManaged/bypassV2`: the envelope pyvesync sends, then the
   * device's own answer nested as `result: {traceId, code, result}`. The
   * device's refusal is the inner code; an offline device is the outer
   * `-11300030`, all inside HTTP 200.
   */
  #bypassV2(body: Body | undefined, region: VeSyncRegion): Response {
    const traceId = body?.traceId;
    const caller = this.#caller(body, region, PATHS.bypassV2);
    if (caller instanceof Response) return caller;
    const payload = body?.payload as Body | undefined;
    if (
      body?.method !== 'bypassV2' ||
      !isDeviceEnvelope(body) ||
      typeof payload !== 'object' ||
      payload === null ||
      typeof payload.method !== 'string' ||
      (payload.source !== undefined && typeof payload.source !== 'string') ||
      typeof payload.data !== 'object' ||
      payload.data === null ||
      Array.isArray(payload.data)
    ) {
      return this.#answer(caller, PATHS.bypassV2, traceId, ILLEGAL_ARGUMENT, 'illegal argument');
    }
    const device = this.#devicesOf.of(caller.account).byCid.get(body.cid as string);
    if (device === undefined) {
      return this.#answer(caller, PATHS.bypassV2, traceId, DEVICE_NOT_FOUND, 'device not exist');
    }
    if (!device.online)
      return this.#answer(caller, PATHS.bypassV2, traceId, DEVICE_OFFLINE, 'device offline');
    const inner = device.behaviour.bypassV2(payload.method, payload.data as Body);
    this.#log(PATHS.bypassV2, region, caller.token, inner.code);
    return envelope(traceId, 0, 'request success', { traceId: String(traceId ?? ''), ...inner });
  }

  /** The V1 device calls the simulator models: `deviceDetail` (any device) and `deviceStatus` (the 15A outlet). */
  #deviceV1(body: Body | undefined, region: VeSyncRegion, method: 'deviceDetail' | 'deviceStatus'): Response {
    const traceId = body?.traceId;
    const path = method === 'deviceDetail' ? PATHS.deviceDetail : PATHS.deviceStatus;
    const caller = this.#caller(body, region, path);
    if (caller instanceof Response) return caller;
    if (body?.method !== method || !isDeviceEnvelope(body)) {
      return this.#answer(caller, path, traceId, ILLEGAL_ARGUMENT, 'illegal argument');
    }
    const device = this.#devicesOf.of(caller.account).byCid.get(body.cid as string);
    if (device === undefined)
      return this.#answer(caller, path, traceId, DEVICE_NOT_FOUND, 'device not exist');
    if (!device.online) return this.#answer(caller, path, traceId, DEVICE_OFFLINE, 'device offline');
    if (method === 'deviceDetail') {
      this.#log(path, region, caller.token, 0);
      return envelope(traceId, 0, 'request success', device.behaviour.detail());
    }
    const done = device.behaviour.v1(method, body);
    if (done === undefined) return this.#answer(caller, path, traceId, METHOD_NOT_FOUND, 'method not found');
    if (!done.ok) return this.#answer(caller, path, traceId, ILLEGAL_ARGUMENT, 'illegal argument');
    this.#log(path, region, caller.token, 0);
    return envelope(traceId, 0, 'request success', null);
  }

  /**
   * Checks a data call's token and quota. Resolves the caller, or the answer
   * to send: `-11001022` for a token that is unknown, expired, revoked or of
   * the other host, the daily quota's `-16906086` past the account's quota.
   */
  #caller(
    body: Body | undefined,
    region: VeSyncRegion,
    path: string,
  ): { account: VeSyncMockAccount; token: string; region: VeSyncRegion } | Response {
    this.counts.requests++;
    const traceId = body?.traceId;
    const token = typeof body?.token === 'string' ? body.token : '';
    const issued = this.#tokens.lookup(token, this.#clock.now());
    const account = issued ? this.#accounts.get(issued.email) : undefined;
    const valid =
      !this.rejectingAll &&
      issued !== undefined &&
      account !== undefined &&
      issued.region === region &&
      body?.accountID === account.accountId;
    if (!valid || account === undefined) {
      this.counts.rejectedRequests++;
      this.#log(path, region, token, VeSyncCodes.tokenExpired);
      return envelope(
        traceId,
        VeSyncCodes.tokenExpired,
        'the token has expired',
        null,
        this.#tokenErrorStatus,
      );
    }
    if (this.#bump(`requests:${account.email}`) > this.#dailyRequests(account)) {
      this.#log(path, region, token, VeSyncCodes.dailyQuota);
      return this.#rateLimited(traceId, VeSyncCodes.dailyQuota);
    }
    return { account, token, region };
  }

  #answer(
    caller: { token: string; region: VeSyncRegion },
    path: string,
    traceId: unknown,
    code: number,
    msg: string,
  ): Response {
    this.#log(path, caller.region, caller.token, code);
    return envelope(traceId, code, msg);
  }

  #device(cid: string): MockDevice {
    for (const account of this.#accounts.values()) {
      const device = this.#devicesOf.of(account).byCid.get(cid);
      if (device) return device;
    }
    throw new Error(`No mock device with cid ${cid}`);
  }

  #loginQuota(email: string, traceId: unknown): Response | undefined {
    const now = this.#clock.now();
    if (this.#burst) {
      const windowStart = now - this.#burst.windowMs;
      const times = (this.#loginTimes.get(email) ?? []).filter((t) => t > windowStart);
      if (times.length >= this.#burst.max) return this.#rateLimited(traceId, VeSyncCodes.tooFrequent);
      times.push(now);
      this.#loginTimes.set(email, times);
    }
    if (this.#bump(`logins:${email}`) > this.#dailyLogins) {
      return this.#rateLimited(traceId, VeSyncCodes.dailyQuota);
    }
    return undefined;
  }

  #rateLimited(traceId: unknown, code: number): Response {
    this.counts.rateLimited++;
    return rateLimitAnswer(traceId, code);
  }

  /** Counts one event in today's (UTC) bucket and returns the new count. */
  #bump(name: string): number {
    const key = `${name}:${Math.floor(this.#clock.now() / DAY_MS)}`;
    const next = (this.#daily.get(key) ?? 0) + 1;
    this.#daily.set(key, next);
    return next;
  }

  #log(path: string, region: VeSyncRegion, token: string, code: number): void {
    this.requestLog.push({ path, region, token, code });
    if (this.requestLog.length > LOG_LIMIT) this.requestLog.shift();
  }
}

function rateLimitAnswer(traceId: unknown, code: number): Response {
  return code === VeSyncCodes.dailyQuota
    ? envelope(
        traceId,
        code,
        `Current user's daily request quota has been used up. The quota formula is "3200 + 1500 * user owned device number".`,
      )
    : envelope(traceId, code, 'request is too frequent, Please try again later');
}

function defaultRegionOf(url: URL): VeSyncRegion {
  if (url.hostname.endsWith('.eu')) return 'EU';
  return /^\/eu(\/|$)/i.test(url.pathname) ? 'EU' : 'US';
}

async function readJson(request: Request): Promise<Body | undefined> {
  try {
    const value: unknown = await request.json();
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback;
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * The profile fields step 2 carries, every one the recordings show
 * (pyvesync's `LOGIN_RESPONSE_SUCCESS`, home-assistant/core #166724); all
 * null on a cross-region answer.
 */
function profile(empty: '' | null): Record<string, unknown> {
  const zero = empty === null ? null : 0;
  const text = (value: string) => (empty === null ? null : value);
  return {
    birthday: empty,
    gender: empty,
    acceptLanguage: text('en'),
    measureUnit: text('Imperial'),
    weightG: zero,
    heightCm: zero,
    weightTargetSt: zero,
    heightUnit: text('FT'),
    heightFt: zero,
    weightTargetKg: zero,
    weightTargetLb: zero,
    weightUnit: text('LB'),
    maximalHeartRate: zero,
    targetBfr: zero,
    displayFlag: empty === null ? null : [],
    targetStatus: zero,
    realWeightKg: zero,
    realWeightLb: zero,
    realWeightUnit: text('lb'),
    heartRateZones: zero,
    runStepLongCm: zero,
    walkStepLongCm: zero,
    stepTarget: zero,
    sleepTargetMins: zero,
  };
}

/**
 * The keys every device call's envelope carries in both peers' requests:
 * pyvesync 3.x sends more (`deviceId`, `configModel`, `userCountryCode`,
 * `debugMode`), tsvesync 1.6.1 only these, and the cloud takes either.
 */
function isDeviceEnvelope(body: Body): boolean {
  return (
    typeof body.cid === 'string' &&
    typeof body.configModule === 'string' &&
    typeof body.timeZone === 'string' &&
    typeof body.acceptLanguage === 'string' &&
    typeof body.appVersion === 'string' &&
    typeof body.phoneBrand === 'string' &&
    typeof body.phoneOS === 'string'
  );
}
