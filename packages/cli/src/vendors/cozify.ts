import type { LoopbackServer } from '@tokenwise/auth-core/mock';
import { CLOUD_URL_ENV, Cozify, HUB_PORT_ENV } from '@tokenwise/cozify';
import type { VendorAdapter } from './vendor-adapter.js';

/**
 * Cozify: no password. The cloud e-mails a one-time code, which the CLI asks
 * for (prompt or `--otp-stdin`) only after Cozify has sent it.
 */
export const cozifyAdapter: VendorAdapter = {
  id: 'cozify',
  displayName: 'Cozify',
  urlEnv: CLOUD_URL_ENV,
  usernameLabel: 'e-mail',
  credentialNoun: 'one-time code',
  needsPassword: false,
  needsOtp: true,
  needsCountry: false,
  renewsWithoutPassword: true,
  async login(request) {
    const ask = request.otp;
    await using client = new Cozify({
      email: request.username,
      store: request.store,
      // Without a provider Cozify refuses (OtpRequiredError) before sending an e-mail nobody reads.
      ...(ask === undefined ? {} : { otp: ({ email }: { email: string }) => ask(email) }),
      ...(request.url === undefined ? {} : { baseUrl: request.url }),
      ...(request.hubPort === undefined ? {} : { hubPort: request.hubPort }),
    });
    await client.authenticate();
    return { account: request.username, host: client.baseUrl };
  },
  async hosts(url, store) {
    await using client = new Cozify({ store, ...(url === undefined ? {} : { baseUrl: url }) });
    return [client.baseUrl];
  },
  renewal(fields) {
    if (fields.flavour === 'hub') {
      return { by: 'refresh', until: undefined, note: 'hub key: fetched again with the cloud token' };
    }
    // cozify.md §1: the cloud token (28 days) is renewed only while it is still valid.
    return { by: 'refresh', until: fields.expiresAt, note: 'cloud token, renewable while still valid' };
  },
  async startSandbox({ port, onMail }) {
    // Loaded only here: a login never pays for the mock cloud.
    const { CozifyCloud, DEMO_ACCOUNTS } = await import('@tokenwise/cozify/mock');
    const { startLoopbackServer } = await import('@tokenwise/auth-core/mock');
    const cloud = new CozifyCloud();
    let mailed = 0;
    // There is no real e-mail in the sandbox: show each code the mock "sends" as it is sent.
    const handler = async (request: Request): Promise<Response> => {
      const response = await cloud.handler(request);
      for (; mailed < cloud.outbox.length; mailed++) {
        const message = cloud.outbox[mailed];
        if (message) onMail(`Cozify e-mailed ${message.email} the code ${message.code}`);
      }
      return response;
    };
    const cloudServer = await startLoopbackServer(handler, { port });
    const hubs = Object.entries(DEMO_ACCOUNTS).flatMap(([email, { hubs }]) =>
      hubs.map((hub) => ({ email, hub })),
    );
    const hubServers: LoopbackServer[] = [];
    let nextPort = port === 0 ? 0 : port + 1;
    for (const { hub } of hubs) {
      hubServers.push(await startLoopbackServer(cloud.hub(hub.id).handler, { port: nextPort }));
      if (nextPort !== 0) nextPort++;
    }
    const url = `${cloudServer.url}/ui/0.2`;
    const notes = [
      ...Object.keys(DEMO_ACCOUNTS).map(
        (email) => `account ${email} (no password: the code is printed here)`,
      ),
      ...hubs.map(
        ({ hub }, i) =>
          `hub ${hub.name} on 127.0.0.1:${hubServers[i]?.port} (tokenwise login cozify --hub-port ${hubServers[i]?.port}; clients: hubPort or ${HUB_PORT_ENV})`,
      ),
    ];
    return {
      url,
      envLine: `${CLOUD_URL_ENV}=${url}`,
      ...(hubServers[0] === undefined ? {} : { extraEnvLines: [`${HUB_PORT_ENV}=${hubServers[0].port}`] }),
      notes,
      async close() {
        await Promise.all([cloudServer.close(), ...hubServers.map((s) => s.close())]);
      },
    };
  },
};
