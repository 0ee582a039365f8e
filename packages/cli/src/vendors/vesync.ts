import { EU_URL_ENV_VAR, TokenwiseError, URL_ENV_VAR, VeSync } from '@tokenwise/vesync';
import { accountNotes, serveMock } from './sandbox-service.js';
import { loginAtExpiry, PASSWORD_LOGIN, type VendorAdapter } from './vendor-adapter.js';

/** VeSync: e-mail + password, and a country that picks the first region to try. */
export const vesyncAdapter: VendorAdapter = {
  id: 'vesync',
  displayName: 'VeSync',
  urlEnv: URL_ENV_VAR,
  ...PASSWORD_LOGIN,
  needsCountry: true,
  async login(request) {
    await using client = new VeSync({
      username: request.username,
      ...(request.password === undefined ? {} : { password: request.password }),
      store: request.store,
      ...(request.country === undefined ? {} : { countryCode: request.country.toUpperCase() }),
      // One URL plays both regional hosts, as TOKENWISE_VESYNC_URL does.
      ...(request.url === undefined ? {} : { baseUrl: { US: request.url, EU: request.url } }),
    });
    // login() resolves false (instead of throwing) when VeSync rejects the credentials.
    if (!(await client.login())) {
      throw client.lastError ?? new TokenwiseError('VeSync refused the login', { vendor: 'vesync' });
    }
    return { account: request.username.toLowerCase(), host: client.baseUrl[client.region] };
  },
  async hosts(url, store, username) {
    await using client = new VeSync({
      username,
      store,
      ...(url === undefined ? {} : { baseUrl: { US: url, EU: url } }),
    });
    return [client.baseUrl.US, client.baseUrl.EU];
  },
  renewal(fields) {
    // vesync.md §1.10: a token lasts 30 days and nothing renews it but a password login.
    return loginAtExpiry(fields, 'no refresh: a token lasts 30 days');
  },
  async startSandbox({ port }) {
    // Loaded only here: a login never pays for the mock cloud.
    const { DEMO_ACCOUNTS, VeSyncCloud } = await import('@tokenwise/vesync/mock');
    // One server plays both regional hosts on their own paths, so accounts of either region log in.
    const service = await serveMock(new VeSyncCloud().handler, {
      port,
      urlEnv: URL_ENV_VAR,
      path: '/us',
      notes: accountNotes(
        DEMO_ACCOUNTS.map((a) => ({
          user: a.email,
          password: a.password,
          note: a.email.startsWith('mfa@') ? '2FA on: login fails by design' : `country ${a.countryCode}`,
        })),
      ),
    });
    const euUrl = service.url.replace(/\/us$/, '/eu');
    return { ...service, extraEnvLines: [`${EU_URL_ENV_VAR}=${euUrl}`] };
  },
};
