import {
  type AuthContext,
  type AuthStrategy,
  ConfigurationError,
  requestJson,
  type Secret,
  TokenExpiredError,
  TokenRefreshError,
  type TokenwiseError,
} from '@tokenwise/auth-core/vendor';
import type { z } from 'zod';
import { DEFAULT_TOKEN_LIFETIME_S, EMAIL_ENV, PASSWORD_ENV, PATHS, VENDOR } from './constants.js';
import { refreshErrorMapper, signInErrorMapper } from './errors.js';
import {
  envelopeSchema,
  type LegalInfo,
  type NavienSession,
  navienSessionSchema,
  refreshDataSchema,
  signInDataSchema,
} from './schemas.js';

const signInReplySchema = envelopeSchema.extend({ data: signInDataSchema });
const refreshReplySchema = envelopeSchema.extend({ data: refreshDataSchema });

/** Options of {@link createNavienStrategy}. */
export interface NavienStrategyOptions {
  /** REST base, e.g. `https://nlus.naviensmartcontrol.com/api/v2.1`. */
  baseUrl: string;
  /** The account e-mail (also the store key's account part). */
  email: string;
  /** Needed for sign-in; without it the strategy can only refresh. Read at each sign-in. */
  password: () => Secret | undefined;
  fetch: typeof globalThis.fetch;
  userAgent: string;
  /** Renew and treat credentials as expired this long before their deadlines. */
  expiryMarginMs: number;
}

/** What only a sign-in reply carries besides the session (not stored). */
export interface SignInDetails {
  legal: LegalInfo[];
  message: string;
}

/** The Navien flow plus what the client reads back after a sign-in. */
export interface NavienStrategy extends AuthStrategy<NavienSession> {
  /**
   * The legal entries and `msg` of the sign-in that produced `session`, when
   * this strategy did that sign-in; `undefined` for a session adopted from
   * the store or obtained by a refresh.
   */
  signInDetails(session: NavienSession): SignInDetails | undefined;
}

/**
 * Navien's flow: `POST /user/sign-in` returns Cognito JWTs plus AWS STS
 * credentials; `POST /auth/refresh` renews the JWTs only. The session's
 * `expiresAt` is the earlier of the two deadlines and `renewAt` puts the
 * renewal ahead of the AWS deadline, so the manager renews in time for both;
 * a refresh refuses when the AWS credentials are the ones running out, which
 * makes the manager sign in instead.
 */
export function createNavienStrategy(options: NavienStrategyOptions): NavienStrategy {
  const base = options.baseUrl.replace(/\/+$/, '');
  const margin = options.expiryMarginMs;
  const secrets = () => [options.password()];
  const headers = { 'user-agent': options.userAgent };
  // Details of the last sign-in, keyed by its access token so they never attach to another session.
  let lastSignIn: (SignInDetails & { accessToken: string }) | undefined;
  // Why the refresh of a renewal gave up, per renewal (the manager hands its refresh and the
  // fallback sign-in one context): rethrown when no password allows that sign-in. Per renewal so
  // a refusal whose sign-in never ran (an explicit refreshToken()) cannot leak into a later one.
  const refreshFailures = new WeakMap<AuthContext, TokenwiseError>();

  const refuseRefresh = (error: TokenwiseError, context: AuthContext): never => {
    refreshFailures.set(context, error);
    throw error;
  };

  const signIn = async (context: AuthContext): Promise<NavienSession> => {
    const password = options.password();
    if (password === undefined || password.isEmpty) {
      const failure = refreshFailures.get(context);
      if (failure) throw failure;
      throw new ConfigurationError(
        `Navien sign-in needs a password: pass it or set ${PASSWORD_ENV} (with ${EMAIL_ENV})`,
        { vendor: VENDOR },
      );
    }
    const reply = await requestJson({
      fetch: options.fetch,
      url: `${base}/${PATHS.signIn}`,
      json: { userId: options.email, password: password.reveal() },
      headers,
      schema: signInReplySchema,
      vendor: VENDOR,
      what: 'sign-in response',
      signal: context.signal,
      now: () => context.clock.now(),
      mapError: signInErrorMapper(secrets),
    });
    const token = reply.data.token;
    const now = context.clock.now();
    const jwtExpiresAt = now + (token.authenticationExpiresIn ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
    const aws =
      token.accessKeyId && token.secretKey && token.sessionToken
        ? {
            accessKeyId: token.accessKeyId,
            secretKey: token.secretKey,
            sessionToken: token.sessionToken,
            // The only recording masks this value; the docs say one hour.
            authorizationExpiresIn: token.authorizationExpiresIn ?? DEFAULT_TOKEN_LIFETIME_S,
          }
        : undefined;
    const awsExpiresAt = aws ? now + aws.authorizationExpiresIn * 1000 : undefined;
    const session: NavienSession = {
      vendor: VENDOR,
      account: options.email,
      issuedAt: now,
      expiresAt: earliest(jwtExpiresAt, awsExpiresAt),
      idToken: token.idToken,
      accessToken: token.accessToken,
      refreshToken: token.refreshToken,
      authenticationExpiresIn: token.authenticationExpiresIn ?? DEFAULT_TOKEN_LIFETIME_S,
      jwtExpiresAt,
      ...(aws ? { ...aws, awsExpiresAt } : {}),
      userInfo: reply.data.userInfo,
    };
    lastSignIn = {
      accessToken: session.accessToken,
      legal: reply.data.legal,
      message: reply.msg ?? 'SUCCESS',
    };
    return session;
  };

  return {
    vendor: VENDOR,
    account: options.email,
    schema: navienSessionSchema as z.ZodType<NavienSession>,
    refreshMarginMs: margin,
    signInDetails(session) {
      if (lastSignIn === undefined || lastSignIn.accessToken !== session.accessToken) return undefined;
      return { legal: lastSignIn.legal, message: lastSignIn.message };
    },
    // The AWS credentials inside the session can run out before the JWT; only a sign-in renews
    // them, and a long-lived consumer (MQTT) must learn of new ones in time. The margin is cut to
    // half the lifetime, as the manager does for expiry, so short-lived credentials still serve.
    renewAt(session) {
      if (session.awsExpiresAt === undefined) return undefined;
      const lifetimeMs = (session.authorizationExpiresIn ?? Number.POSITIVE_INFINITY) * 1000;
      return session.awsExpiresAt - Math.min(margin, lifetimeMs / 2);
    },
    login: signIn,
    async refresh(session, context) {
      const now = context.clock.now();
      const awsExpiring = session.awsExpiresAt !== undefined && now >= session.awsExpiresAt - margin;
      const password = options.password();
      // Without a password nothing can renew the AWS credentials: the refresh then keeps REST
      // working on its own and the expiring credentials are dropped (MQTT will say why).
      if (awsExpiring && password !== undefined && !password.isEmpty) {
        return refuseRefresh(
          new TokenExpiredError('The Navien AWS credentials are expiring and only a sign-in renews them', {
            vendor: VENDOR,
          }),
          context,
        );
      }
      if (!session.refreshToken) {
        return refuseRefresh(
          new TokenRefreshError('No Navien refresh token available', { vendor: VENDOR }),
          context,
        );
      }
      const reply = await requestJson({
        fetch: options.fetch,
        url: `${base}/${PATHS.refresh}`,
        json: { refreshToken: session.refreshToken },
        headers,
        schema: refreshReplySchema,
        vendor: VENDOR,
        what: 'refresh response',
        signal: context.signal,
        now: () => context.clock.now(),
        mapError: (response, body) => {
          // The cloud's message could echo what was sent: scrub the refresh token too.
          const error = refreshErrorMapper(() => [options.password(), session.refreshToken])(response, body);
          if (error instanceof TokenRefreshError) refreshFailures.set(context, error);
          return error;
        },
      });
      const data = reply.data;
      const lifetime = data.authenticationExpiresIn ?? DEFAULT_TOKEN_LIFETIME_S;
      const jwtExpiresAt = now + lifetime * 1000;
      // The reply never carries AWS credentials and may omit the id or refresh token: keep the old ones.
      const { accessKeyId, secretKey, sessionToken, authorizationExpiresIn, awsExpiresAt, ...jwtSession } =
        session;
      const aws = awsExpiring
        ? {}
        : { accessKeyId, secretKey, sessionToken, authorizationExpiresIn, awsExpiresAt };
      return {
        ...jwtSession,
        ...withoutUndefined(aws),
        issuedAt: now,
        expiresAt: earliest(jwtExpiresAt, awsExpiring ? undefined : awsExpiresAt),
        idToken: data.idToken || session.idToken,
        accessToken: data.accessToken,
        refreshToken: data.refreshToken || session.refreshToken,
        authenticationExpiresIn: lifetime,
        jwtExpiresAt,
      };
    },
    authorize(parts, session) {
      // The live API takes the raw access token in a lowercase header, no `Bearer`.
      parts.headers.set('authorization', session.accessToken);
    },
    async isAuthFailure(response) {
      if (response.status === 401) return true;
      // The content type of the cloud's replies is not recorded: read the body whatever it is labelled.
      const text = await response.text().catch(() => '');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return false;
      }
      return typeof body === 'object' && body !== null && (body as { code?: unknown }).code === 401;
    },
    token(session) {
      return session.accessToken;
    },
  };
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function earliest(first: number, second: number | undefined): number {
  return second === undefined ? first : Math.min(first, second);
}
