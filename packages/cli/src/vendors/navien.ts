import { BASE_URL_ENV, NavienAuthClient } from '@tokenwise/navien';
import { accountNotes, serveMock } from './sandbox-service.js';
import { PASSWORD_LOGIN, type VendorAdapter } from './vendor-adapter.js';

/** Navien Smart Control: e-mail + password (Cognito JWTs and AWS credentials). */
export const navienAdapter: VendorAdapter = {
  id: 'navien',
  displayName: 'Navien',
  urlEnv: BASE_URL_ENV,
  ...PASSWORD_LOGIN,
  async login(request) {
    await using _client = await NavienAuthClient.create(request.username, request.password, {
      store: request.store,
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
    });
    return { account: request.username };
  },
  async startSandbox({ port }) {
    // Loaded only here: a login never pays for the mock cloud.
    const { DEMO_ACCOUNTS, NavienCloud } = await import('@tokenwise/navien/mock');
    return serveMock(new NavienCloud().handler, {
      port,
      urlEnv: BASE_URL_ENV,
      // The client's default base ends in /api/v2.1; the mock serves the same paths.
      path: '/api/v2.1',
      notes: accountNotes(Object.entries(DEMO_ACCOUNTS).map(([user, a]) => ({ user, password: a.password }))),
    });
  },
};
