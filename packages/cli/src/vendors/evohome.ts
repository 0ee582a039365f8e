import { BASE_URL_ENV, EvohomeV2Client } from '@tokenwise/evohome';
import { accountNotes, serveMock } from './sandbox-service.js';
import { PASSWORD_LOGIN, type VendorAdapter } from './vendor-adapter.js';

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
  async login(request) {
    await using client = new EvohomeV2Client({
      username: request.username,
      password: request.password ?? '',
      store: request.store,
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
    });
    await client.userAccount();
    return { account: request.username.toLowerCase() };
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
