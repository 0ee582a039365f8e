import {
  type ClientOptions,
  ConfigurationError,
  checkClientOptions,
  checkFunctionOption,
  checkOptionsObject,
  checkStringOption,
  type OptionKeys,
  resolveBaseUrl,
} from '@tokenwise/auth-core/vendor';
import { DEFAULT_ACCOUNT, ENV, TADO_API_URL, TADO_AUTH_URL, VENDOR } from './constants.js';
import type { DeviceCodeHandler } from './device-code.js';

/** Where environment variables are read from; `process.env` unless a test passes its own. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** The two tado hosts. */
export interface TadoBaseUrls {
  /** The auth server, e.g. `https://login.tado.com`. */
  auth: string;
  /** The REST API base, e.g. `https://my.tado.com/api/v2`. */
  api: string;
}

/** Options of {@link Tado}. */
export interface TadoOptions extends ClientOptions {
  /**
   * A string: one server with both `/oauth2/*` and `/api/v2/*` (the
   * simulator). An object: each host on its own. Default `TOKENWISE_TADO_AUTH_URL`
   * / `TOKENWISE_TADO_API_URL`, then `TOKENWISE_TADO_URL`, then tado's hosts.
   */
  baseUrl?: string | Partial<TadoBaseUrls> | undefined;
  /** Names the stored session (any label: one per tado login). Default `'default'`. */
  account?: string | undefined;
  /**
   * Shows a device code to a person (`verificationUriComplete` and
   * `userCode`); the login then polls until it is approved. Without it a
   * needed login fails at once with `TadoLoginRequiredError`.
   */
  onDeviceCode?: DeviceCodeHandler | undefined;
  /** Retries of idempotent data calls on 408/5xx. Default 2. */
  retries?: number | undefined;
  /** Environment to read the base URLs from. Default `process.env`. */
  env?: EnvSource | undefined;
}

/** Every option of {@link TadoOptions}; the compiler keeps the list in step with the interface. */
export const TADO_OPTION_KEYS = {
  baseUrl: true,
  account: true,
  onDeviceCode: true,
  retries: true,
  env: true,
  store: true,
  fetch: true,
  clock: true,
  timeoutMs: true,
  maxBackOffMs: true,
} as const satisfies OptionKeys<TadoOptions>;

/** What the options and the environment resolve to. */
export interface ResolvedTadoOptions {
  baseUrl: TadoBaseUrls;
  account: string;
  onDeviceCode: DeviceCodeHandler | undefined;
}

const BASE_URL_KEYS = { auth: true, api: true } as const satisfies OptionKeys<TadoBaseUrls>;

/** Checks every option and resolves the base URLs with core's one rule, per host. */
export function resolveTadoOptions(options: TadoOptions, owner: string): ResolvedTadoOptions {
  const checked = checkClientOptions(options, owner, TADO_OPTION_KEYS, VENDOR);
  const name = (option: string) => `${owner} option \`${option}\``;
  const env = checked.env ?? process.env;
  if (typeof env !== 'object' || env === null) {
    throw new ConfigurationError(`${name('env')} must be an object of environment variables`, {
      vendor: VENDOR,
    });
  }
  const account = checkStringOption(checked.account, name('account'), VENDOR) ?? DEFAULT_ACCOUNT;
  checkFunctionOption(checked.onDeviceCode, name('onDeviceCode'), VENDOR);
  return {
    baseUrl: resolveBaseUrls(checked.baseUrl, name('baseUrl'), env as EnvSource),
    account,
    onDeviceCode: checked.onDeviceCode as DeviceCodeHandler | undefined,
  };
}

function resolveBaseUrls(option: unknown, optionName: string, env: EnvSource): TadoBaseUrls {
  if (typeof option === 'string' || option instanceof URL) {
    const auth = resolveBaseUrl({ vendor: VENDOR, option, optionName, env });
    return { auth, api: `${auth}/api/v2` };
  }
  const hosts =
    option === undefined ? {} : checkOptionsObject(option, `${optionName} (hosts)`, BASE_URL_KEYS, VENDOR);
  // One shared server (TOKENWISE_TADO_URL) stands for both hosts unless a host has its own variable.
  const shared = env[ENV.url]?.trim()
    ? resolveBaseUrl({ vendor: VENDOR, option: undefined, env })
    : undefined;
  return {
    auth: resolveBaseUrl({
      vendor: VENDOR,
      option: hosts.auth,
      optionName: `${optionName}.auth`,
      envName: ENV.authUrl,
      env,
      defaultUrl: shared ?? TADO_AUTH_URL,
    }),
    api: resolveBaseUrl({
      vendor: VENDOR,
      option: hosts.api,
      optionName: `${optionName}.api`,
      envName: ENV.apiUrl,
      env,
      defaultUrl: shared === undefined ? TADO_API_URL : `${shared}/api/v2`,
    }),
  };
}
