import { Evrim } from '@tokenwise/evrim';
import { accountNotes, serveMock } from './sandbox-service.js';
import { PASSWORD_LOGIN, type VendorAdapter } from './vendor-adapter.js';

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
    await using _client = await Evrim.create({
      username: request.username,
      password: request.password ?? '',
      store: request.store,
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
    });
    return { account: request.username };
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
