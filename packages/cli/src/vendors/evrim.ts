import { Evrim } from '@tokenwise/evrim';
import { accountNotes, serveMock } from './sandbox-service.js';
import { loginAtExpiry, PASSWORD_LOGIN, type VendorAdapter } from './vendor-adapter.js';

const URL_ENV = 'TOKENWISE_EVRIM_URL';

/** Evrim: username + password for a simplejwt token pair. */
export const evrimAdapter: VendorAdapter = {
  id: 'evrim',
  displayName: 'Evrim',
  urlEnv: URL_ENV,
  ...PASSWORD_LOGIN,
  usernameLabel: 'username',
  credentialNoun: 'username or password',
  async login(request) {
    // Without --url the client reads TOKENWISE_EVRIM_URL, then EVRIM_URL, else the production API.
    // Without a password (a stored session being reused) the client renews from the store or fails.
    await using client = await Evrim.create({
      username: request.username,
      ...(request.password === undefined ? {} : { password: request.password }),
      store: request.store,
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
    });
    return { account: request.username, host: client.baseUrl };
  },
  async hosts(url, store, username) {
    // The constructor does no I/O: it only resolves the options (--url, TOKENWISE_EVRIM_URL, EVRIM_URL).
    await using client = new Evrim({ username, store, ...(url === undefined ? {} : { baseUrl: url }) });
    return [client.baseUrl];
  },
  renewal(fields) {
    if (!fields.hasRefreshToken) return loginAtExpiry(fields, 'no refresh token');
    // The refresh token's own exp (evrim.md §5: 1 day; rotation is off, so refreshes do not extend it).
    return { by: 'refresh', until: fields.refreshExpiresAt, note: 'refresh token, 1 day from the login' };
  },
  async startSandbox({ port }) {
    // Loaded only here: a login never pays for the mock cloud.
    const { DEMO_ACCOUNTS, EvrimCloud } = await import('@tokenwise/evrim/mock');
    return serveMock(new EvrimCloud().handler, {
      port,
      urlEnv: URL_ENV,
      notes: accountNotes(DEMO_ACCOUNTS.map((a) => ({ user: a.username, password: a.password }))),
    });
  },
};
