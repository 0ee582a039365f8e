import { ConfigurationError } from '@tokenwise/auth-core/vendor';
import { DEFAULT_HOSTNAME, HOSTNAME_ENV_VAR, VENDOR } from './constants.js';

/**
 * The host both APIs live on: the `hostname` option, else
 * `TOKENWISE_EVOHOME_URL`, else the vendor's. Returned without a trailing
 * slash so paths can be appended the way the vendor documents them.
 */
export function resolveHostname(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[HOSTNAME_ENV_VAR];
  const [raw, source] =
    option !== undefined
      ? [option, 'option `hostname`']
      : fromEnv !== undefined && fromEnv !== ''
        ? [fromEnv, `environment variable ${HOSTNAME_ENV_VAR}`]
        : [DEFAULT_HOSTNAME, 'default hostname'];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`evohome ${source} is not a URL (expected e.g. ${DEFAULT_HOSTNAME})`, {
      vendor: VENDOR,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`evohome ${source} must be an http(s) URL`, { vendor: VENDOR });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigurationError(`evohome ${source} must not carry credentials, a query or a fragment`, {
      vendor: VENDOR,
    });
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
