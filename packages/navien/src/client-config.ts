import {
  ConfigurationError,
  checkClockOption,
  checkDurationOption,
  checkFunctionOption,
  checkHeaderValueOption,
  checkOptionsObject,
  checkStoreOption,
  checkTimeoutOption,
  decodeJwtClaims,
  type OptionKeys,
  type Secret,
  toSecret,
} from '@tokenwise/auth-core/vendor';
import { AuthTokens } from './auth-tokens.js';
import type { NavienAuthClientOptions } from './client-options.js';
import { BASE_URL_ENV, DEFAULT_BASE_URL, EMAIL_ENV, PASSWORD_ENV, VENDOR } from './constants.js';

/** The client's inputs after defaults, environment and validation. */
export interface ResolvedConfig {
  email: string | undefined;
  password: Secret | undefined;
  baseUrl: string;
  storedTokens: AuthTokens | undefined;
}

/** Every option of {@link NavienAuthClientOptions}; the compiler keeps the list in step with the interface. */
export const AUTH_CLIENT_OPTION_KEYS = {
  storedTokens: true,
  store: true,
  fetch: true,
  baseUrl: true,
  expiryMarginMs: true,
  timeoutMs: true,
  userAgent: true,
  clock: true,
  env: true,
} as const satisfies OptionKeys<NavienAuthClientOptions>;

/**
 * Checks the options' shape before anything reads them: a plain object of
 * known keys (a misspelled `baseUrl` would otherwise send the password to
 * the production cloud) whose values have the documented types.
 */
export function checkAuthClientOptions(options: unknown): asserts options is NavienAuthClientOptions {
  const checked = checkOptionsObject(options, 'NavienAuthClient', AUTH_CLIENT_OPTION_KEYS, VENDOR);
  const name = (option: string) => `NavienAuthClient option \`${option}\``;
  if (checked.store !== undefined) {
    checkStoreOption(checked.store, name('store'), VENDOR);
  }
  if (checked.clock !== undefined) checkClockOption(checked.clock, name('clock'), VENDOR);
  if (checked.env !== undefined && (typeof checked.env !== 'object' || checked.env === null)) {
    throw new ConfigurationError(`${name('env')} must be an object of environment variables`, {
      vendor: VENDOR,
    });
  }
  if (
    checked.storedTokens !== undefined &&
    (typeof checked.storedTokens !== 'object' || checked.storedTokens === null)
  ) {
    throw new ConfigurationError(`${name('storedTokens')} must be an AuthTokens or its dict`, {
      vendor: VENDOR,
    });
  }
  checkFunctionOption(checked.fetch, name('fetch'), VENDOR);
  checkTimeoutOption(checked.timeoutMs, name('timeoutMs'), VENDOR);
  checkDurationOption(checked.expiryMarginMs, name('expiryMarginMs'), VENDOR);
  checkHeaderValueOption(checked.userAgent, name('userAgent'), VENDOR);
}

/**
 * Arguments first, then `NAVIEN_EMAIL`/`NAVIEN_PASSWORD`; the e-mail may also
 * come from the stored id token. Wrong types fail here, naming the input.
 */
export function resolveConfig(
  email: unknown,
  password: unknown,
  options: NavienAuthClientOptions,
  env: Record<string, string | undefined>,
): ResolvedConfig {
  const storedTokens =
    options.storedTokens === undefined ? undefined : AuthTokens.modelValidate(options.storedTokens);
  const resolvedEmail = resolveEmail(email, env, storedTokens);
  const owner = storedTokens ? decodeJwtClaims(storedTokens.idToken)?.email : undefined;
  // The vendor's CLI drops cached tokens of another account; adopting them would file them under the wrong key.
  if (typeof owner === 'string' && resolvedEmail && owner.toLowerCase() !== resolvedEmail.toLowerCase()) {
    throw new ConfigurationError('storedTokens belong to another account than email', { vendor: VENDOR });
  }
  return {
    email: resolvedEmail,
    password: resolvePassword(password, env),
    baseUrl: resolveBaseUrl(options.baseUrl, env),
    storedTokens,
  };
}

/** Validates an e-mail given to `signIn`. */
export function checkEmail(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`${name} must be a non-empty string`, { vendor: VENDOR });
  }
  return value.trim();
}

/** Validates a password given to `signIn` or the constructor. */
export function checkPassword(value: unknown, name: string): Secret {
  if (typeof value === 'string' || (typeof value === 'object' && value !== null && 'reveal' in value)) {
    const secret = toSecret(value as string | Secret);
    if (!secret.isEmpty) return secret;
  }
  throw new ConfigurationError(`${name} must be a non-empty string`, { vendor: VENDOR });
}

function resolveEmail(
  value: unknown,
  env: Record<string, string | undefined>,
  storedTokens: AuthTokens | undefined,
): string | undefined {
  if (value !== undefined) return checkEmail(value, 'email');
  if (env[EMAIL_ENV]) return checkEmail(env[EMAIL_ENV], EMAIL_ENV);
  const claim = storedTokens ? decodeJwtClaims(storedTokens.idToken)?.email : undefined;
  return typeof claim === 'string' && claim !== '' ? claim : undefined;
}

function resolvePassword(value: unknown, env: Record<string, string | undefined>): Secret | undefined {
  if (value !== undefined) return checkPassword(value, 'password');
  return env[PASSWORD_ENV] ? checkPassword(env[PASSWORD_ENV], PASSWORD_ENV) : undefined;
}

function resolveBaseUrl(value: unknown, env: Record<string, string | undefined>): string {
  const [name, raw] = value !== undefined ? ['baseUrl', value] : [BASE_URL_ENV, env[BASE_URL_ENV]];
  if (raw === undefined || raw === '') return DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = typeof raw === 'string' ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigurationError(`${name} must be an http(s) URL`, { vendor: VENDOR });
  }
  return url.toString().replace(/\/+$/, '');
}
