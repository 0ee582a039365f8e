import {
  ConfigurationError,
  checkClientOptions,
  checkDurationOption,
  checkEmailOption,
  checkHeaderValueOption,
  checkSecretOption,
  decodeJwtClaims,
  type OptionKeys,
  resolveBaseUrl,
  type Secret,
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

const OWNER = 'NavienAuthClient';

/** Every option of {@link NavienAuthClientOptions}; the compiler keeps the list in step with the interface. */
const AUTH_CLIENT_OPTION_KEYS = {
  storedTokens: true,
  store: true,
  fetch: true,
  baseUrl: true,
  expiryMarginMs: true,
  timeoutMs: true,
  userAgent: true,
  clock: true,
  maxBackOffMs: true,
  env: true,
} as const satisfies OptionKeys<NavienAuthClientOptions>;

/**
 * Checks the options (the kit's common rule, then Navien's own) and resolves
 * the inputs: arguments first, then `NAVIEN_EMAIL`/`NAVIEN_PASSWORD`; the
 * e-mail may also come from the stored id token. The base URL follows the
 * one rule of every vendor (option → `TOKENWISE_NAVIEN_URL` → default).
 */
export function resolveConfig(email: unknown, password: unknown, options: unknown): ResolvedConfig {
  const checked = checkClientOptions(options, OWNER, AUTH_CLIENT_OPTION_KEYS, VENDOR);
  const name = (option: string) => `${OWNER} option \`${option}\``;
  const env = checked.env ?? process.env;
  if (typeof env !== 'object' || env === null) {
    throw new ConfigurationError(`${name('env')} must be an object of environment variables`, {
      vendor: VENDOR,
    });
  }
  const raw = checked.storedTokens;
  if (raw !== undefined && (typeof raw !== 'object' || raw === null)) {
    throw new ConfigurationError(`${name('storedTokens')} must be an AuthTokens or its dict`, {
      vendor: VENDOR,
    });
  }
  checkDurationOption(checked.expiryMarginMs, name('expiryMarginMs'), VENDOR);
  checkHeaderValueOption(checked.userAgent, name('userAgent'), VENDOR);
  const variables = env as Readonly<Record<string, string | undefined>>;
  const storedTokens = raw === undefined ? undefined : AuthTokens.modelValidate(raw);
  const claim = storedTokens ? decodeJwtClaims(storedTokens.idToken)?.email : undefined;
  const owner = typeof claim === 'string' && claim !== '' ? claim : undefined;
  const resolvedEmail =
    checkEmailOption(email, 'email', VENDOR) ??
    checkEmailOption(variables[EMAIL_ENV] || undefined, EMAIL_ENV, VENDOR) ??
    owner;
  // The vendor's CLI drops cached tokens of another account; adopting them would file them under the wrong key.
  if (owner && resolvedEmail && owner.toLowerCase() !== resolvedEmail.toLowerCase()) {
    throw new ConfigurationError('storedTokens belong to another account than email', { vendor: VENDOR });
  }
  return {
    email: resolvedEmail,
    password:
      checkSecretOption(password, 'password', VENDOR) ??
      checkSecretOption(variables[PASSWORD_ENV] || undefined, PASSWORD_ENV, VENDOR),
    baseUrl: resolveBaseUrl({
      vendor: VENDOR,
      option: checked.baseUrl,
      optionName: name('baseUrl'),
      envName: BASE_URL_ENV,
      env: variables,
      defaultUrl: DEFAULT_BASE_URL,
    }),
    storedTokens,
  };
}
