import { createHash } from 'node:crypto';
import {
  type AuthContext,
  decodeJwtClaims,
  parseWithSchema,
  requestJson,
  type Secret,
  type VendorErrorMapper,
} from '@tokenwise/auth-core/vendor';
import type { VeSyncBaseUrl } from './base-url.js';
import {
  APP_ID,
  ASSUMED_TOKEN_LIFETIME_MS,
  CLIENT_INFO,
  LOGIN_CONSTANTS,
  PATHS,
  VENDOR,
} from './constants.js';
import { resultCodeOf, VeSyncCodes } from './errors.js';
import type { VeSyncRegion } from './region.js';
import {
  authorizeResultSchema,
  crossRegionResultSchema,
  envelopeSchema,
  tokenResultSchema,
  type VeSyncEnvelope,
  type VeSyncSession,
} from './schemas.js';
import type { TerminalIdentity } from './terminal-identity.js';
import type { TraceIds } from './trace-id.js';

/** What the two-step login needs. */
export interface LoginFlowOptions {
  fetch: typeof globalThis.fetch;
  baseUrl: VeSyncBaseUrl;
  /** The account e-mail as the user typed it (sent as is). */
  email: string;
  /** The store account key (normalised e-mail). */
  account: string;
  password: Secret;
  identity: TerminalIdentity;
  traceIds: TraceIds;
  mapError: VendorErrorMapper;
}

/** VeSync wants the lower-case MD5 hex of the UTF-8 password, never the password itself. */
export function hashPassword(password: Secret): string {
  return createHash('md5').update(password.reveal(), 'utf8').digest('hex');
}

/**
 * The full VeSync login: `authByPWDOrOTM` (password → authorize code), then
 * `loginByAuthorizeCode4Vesync` (code → token). When step 2 answers
 * cross-region, only step 2 is repeated, once, on the host VeSync names,
 * with its `bizToken`; a second redirect is an error rather than a loop.
 *
 * The session being replaced (`context.previous`: expired or rejected, from
 * this process or read from the shared store) is the account's memory: its
 * terminal id is reused, so VeSync sees a known device and sends no "new
 * login" e-mail, and its region and country (the server's answer) beat the
 * country-code guess.
 */
export async function loginWithPassword(
  options: LoginFlowOptions,
  context: AuthContext<VeSyncSession>,
): Promise<VeSyncSession> {
  const { identity } = options;
  const previous = context.previous;
  const terminalId = previous?.terminalId ?? identity.terminalId();
  let region = previous?.region ?? identity.region;
  let countryCode = previous?.countryCode ?? identity.countryCode;

  const step1 = await post(options, context, region, PATHS.authorize, 'login (step 1) response', {
    email: options.email,
    method: 'authByPWDOrOTM',
    password: hashPassword(options.password),
    acceptLanguage: LOGIN_CONSTANTS.acceptLanguage,
    accountID: '',
    authProtocolType: 'generic',
    clientInfo: CLIENT_INFO,
    clientType: LOGIN_CONSTANTS.clientType,
    clientVersion: LOGIN_CONSTANTS.clientVersion,
    debugMode: LOGIN_CONSTANTS.debugMode,
    osInfo: LOGIN_CONSTANTS.osInfo,
    terminalId,
    timeZone: LOGIN_CONSTANTS.timeZone,
    token: '',
    // The app and pyvesync send US here whatever the account; the country goes in step 2.
    userCountryCode: 'US',
    appID: APP_ID,
    sourceAppID: APP_ID,
    traceId: options.traceIds.next(terminalId, context.clock.now()),
  });
  const { authorizeCode } = parseWithSchema(
    authorizeResultSchema,
    step1.result,
    'login (step 1) result',
    VENDOR,
  );

  const step2Body = (extra: Record<string, string>) => ({
    method: 'loginByAuthorizeCode4Vesync',
    authorizeCode,
    acceptLanguage: LOGIN_CONSTANTS.acceptLanguage,
    accountID: '',
    clientInfo: CLIENT_INFO,
    clientType: LOGIN_CONSTANTS.clientType,
    clientVersion: LOGIN_CONSTANTS.clientVersion,
    debugMode: LOGIN_CONSTANTS.debugMode,
    emailSubscriptions: false,
    osInfo: LOGIN_CONSTANTS.osInfo,
    terminalId,
    timeZone: LOGIN_CONSTANTS.timeZone,
    token: '',
    userCountryCode: countryCode,
    traceId: options.traceIds.next(terminalId, context.clock.now()),
    ...extra,
  });

  let step2 = await post(
    options,
    context,
    region,
    PATHS.token,
    'login (step 2) response',
    step2Body({}),
    true,
  );
  if (step2.code === VeSyncCodes.crossRegion) {
    const redirect = parseWithSchema(crossRegionResultSchema, step2.result, 'cross-region answer', VENDOR);
    region = redirect.currentRegion;
    countryCode = normaliseCountry(redirect.countryCode, countryCode);
    step2 = await post(
      options,
      context,
      region,
      PATHS.token,
      'login (step 2, cross-region) response',
      step2Body({ bizToken: redirect.bizToken, regionChange: 'lastRegion' }),
    );
  }
  const issued = parseWithSchema(tokenResultSchema, step2.result, 'login (step 2) result', VENDOR);
  const session: VeSyncSession = {
    vendor: VENDOR,
    account: options.account,
    issuedAt: context.clock.now(),
    expiresAt: freshTokenExpiry(issued.token, context.clock.now()),
    token: issued.token,
    accountId: issued.accountID,
    countryCode: normaliseCountry(issued.countryCode, countryCode),
    // The host that issued the token is the one that accepts it.
    region,
    terminalId,
  };
  identity.observe(session);
  return session;
}

/**
 * Expiry of a token minted just now. The JWT's lifetime (`exp - iat`) is
 * applied to our clock, so a skewed server clock cannot make a new token look
 * expired (which would log in again on every call).
 */
export function freshTokenExpiry(token: string, now: number): number {
  const claims = decodeJwtClaims(token);
  const iat = claims?.iat;
  const exp = claims?.exp;
  if (typeof iat === 'number' && typeof exp === 'number' && exp > iat) return now + (exp - iat) * 1000;
  if (typeof exp === 'number' && exp * 1000 > now) return exp * 1000;
  return now + ASSUMED_TOKEN_LIFETIME_MS;
}

function normaliseCountry(value: string, fallback: string): string {
  const upper = value.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(upper) ? upper : fallback;
}

async function post(
  options: LoginFlowOptions,
  context: AuthContext,
  region: VeSyncRegion,
  path: string,
  what: string,
  json: Record<string, unknown>,
  allowCrossRegion = false,
): Promise<VeSyncEnvelope> {
  return requestJson({
    fetch: options.fetch,
    url: `${options.baseUrl[region]}/${path}`,
    json,
    schema: envelopeSchema,
    vendor: VENDOR,
    what,
    signal: context.signal,
    now: () => context.clock.now(),
    mapError: (response, body) =>
      allowCrossRegion && resultCodeOf(body) === VeSyncCodes.crossRegion
        ? undefined
        : options.mapError(response, body),
  });
}
