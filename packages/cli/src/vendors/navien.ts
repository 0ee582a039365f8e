import { BASE_URL_ENV, NavienAuthClient } from '@tokenwise/navien';
import { formatInstant } from '../format-duration.js';
import { accountNotes, serveMock } from './sandbox-service.js';
import { loginAtExpiry, PASSWORD_LOGIN, type VendorAdapter } from './vendor-adapter.js';

/** Navien Smart Control: e-mail + password (Cognito JWTs and AWS credentials). */
export const navienAdapter: VendorAdapter = {
  id: 'navien',
  displayName: 'Navien',
  urlEnv: BASE_URL_ENV,
  ...PASSWORD_LOGIN,
  async login(request) {
    await using client = await NavienAuthClient.create(request.username, request.password, {
      store: request.store,
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
    });
    return { account: request.username, host: client.baseUrl };
  },
  async hosts(url, store) {
    await using client = new NavienAuthClient(undefined, undefined, {
      store,
      ...(url === undefined ? {} : { baseUrl: url }),
    });
    return [client.baseUrl];
  },
  renewal(fields) {
    if (!fields.hasRefreshToken) return loginAtExpiry(fields, 'no refresh token');
    // navien.md §9: the refresh token's lifetime is not known; a refresh never renews the AWS credentials.
    const mqtt =
      fields.awsExpiresAt === undefined
        ? ''
        : `; MQTT needs a sign-in at ${formatInstant(fields.awsExpiresAt)}`;
    return {
      by: 'refresh',
      until: undefined,
      note: `refresh token; Navien does not publish its lifetime${mqtt}`,
    };
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
