import { accountNotes, serveMock } from './sandbox-service.js';
import type { VendorAdapter } from './vendor-adapter.js';

const URL_ENV = 'TOKENWISE_TADO_URL';

/**
 * tado°: a device login. The CLI shows the link and code, a person approves
 * it in a browser, and the session lands in the store under the account
 * `default`, where `new Tado({ store })` finds it.
 */
export const tadoAdapter: VendorAdapter = {
  id: 'tado',
  displayName: 'tado°',
  urlEnv: URL_ENV,
  usernameLabel: 'account label',
  credentialNoun: 'device code',
  needsPassword: false,
  needsOtp: false,
  needsCountry: false,
  defaultUsername: 'default',
  renewsWithoutPassword: true,
  async login(request) {
    const { Tado } = await import('@tokenwise/tado');
    // Without --url the client reads TOKENWISE_TADO_URL, else tado's own hosts.
    await using client = new Tado({
      account: request.username,
      store: request.store,
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
      ...(request.onDeviceCode === undefined ? {} : { onDeviceCode: request.onDeviceCode }),
    });
    // A usable stored session is reused (refreshed if due); only without one is a device code shown.
    await client.ensureSession();
    return { account: request.username, host: client.baseUrl.api };
  },
  async hosts(url, store) {
    const { Tado } = await import('@tokenwise/tado');
    await using client = new Tado({ store, ...(url === undefined ? {} : { baseUrl: url }) });
    return [client.baseUrl.api];
  },
  renewal(fields) {
    // tado.md §2: single-use refresh tokens, each valid 30 days from its issue.
    return {
      by: 'refresh',
      until: fields.refreshExpiresAt,
      note: 'single-use refresh token, 30 days from its issue',
    };
  },
  async startSandbox({ port }) {
    const { DEMO_ACCOUNTS, TadoCloud } = await import('@tokenwise/tado/mock');
    const cloud = new TadoCloud({ interval: 1 });
    const service = await serveMock(cloud.handler, {
      port,
      urlEnv: URL_ENV,
      notes: [
        ...accountNotes(
          DEMO_ACCOUNTS.map((a) => ({ user: a.email, note: 'signed in in the sandbox browser' })),
        ),
        'approve a login by opening the link `tokenwise login tado` prints (curl works too)',
      ],
    });
    return service;
  },
};
