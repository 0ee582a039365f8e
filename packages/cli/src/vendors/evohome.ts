import { resolveBaseUrl } from '@tokenwise/auth-core/vendor';
import { BASE_URL_ENV, DEFAULT_BASE_URL, EvohomeV2Client } from '@tokenwise/evohome';
import { accountNotes, serveMock } from './sandbox-service.js';
import { loginAtExpiry, PASSWORD_LOGIN, type VendorAdapter } from './vendor-adapter.js';

/**
 * evohome logs in through the V2 (OAuth) API: its refresh token renews the
 * session without the password, so a stored V2 session outlives the V1
 * sessionId (which cannot be renewed) by far. One login only: the vendor
 * locks an account out after a second login within ~10 s.
 */
export const evohomeAdapter: VendorAdapter = {
  id: 'evohome',
  displayName: 'evohome',
  urlEnv: BASE_URL_ENV,
  ...PASSWORD_LOGIN,
  // The client takes the password up front (it may need it if the refresh is refused).
  renewsWithoutPassword: false,
  async login(request) {
    await using client = new EvohomeV2Client({
      username: request.username,
      password: request.password ?? '',
      store: request.store,
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
    });
    await client.userAccount();
    return { account: request.username.toLowerCase(), host: client.baseUrl };
  },
  async hosts(url) {
    // The client's own rule (option, TOKENWISE_EVOHOME_URL, the vendor's host), without a password.
    return [
      resolveBaseUrl({ vendor: 'evohome', option: url, optionName: '--url', defaultUrl: DEFAULT_BASE_URL }),
    ];
  },
  renewal(fields) {
    if (fields.flavour === 'v2' && fields.hasRefreshToken) {
      // evohome.md §2.1: no source states how long a refresh token lives.
      return {
        by: 'refresh',
        until: undefined,
        note: 'refresh token; evohome does not publish its lifetime',
      };
    }
    return loginAtExpiry(fields, 'V1 session id: cannot be renewed');
  },
  async startSandbox({ port }) {
    // Loaded only here: a login never pays for the mock cloud.
    const { DEMO_ACCOUNTS, EvohomeCloud } = await import('@tokenwise/evohome/mock');
    return serveMock(new EvohomeCloud().handler, {
      port,
      urlEnv: BASE_URL_ENV,
      notes: accountNotes(
        DEMO_ACCOUNTS.map((a) => ({
          user: a.username,
          password: a.password,
          ...(a.eulaAccepted === false ? { note: 'EULA not accepted: login fails by design' } : {}),
        })),
      ),
    });
  },
};
