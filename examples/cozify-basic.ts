// Cozify against its mock cloud and hub on 127.0.0.1: one OTP login, then nothing but tokens.
// Build first (`pnpm --filter @tokenwise/cozify build`), then: pnpm exec tsx examples/cozify-basic.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/mock';
import { Cozify, FileStore } from '@tokenwise/cozify';
import { CozifyCloud } from '@tokenwise/cozify/mock';

const email = 'demo@example.com';
// One clock for the mock and the clients, so days of token life pass instantly.
const clock = new FakeClock(Date.now());
const cloud = new CozifyCloud({ clock });
const cloudServer = await startLoopbackServer(cloud.handler);
const hubSim = cloud.hub('deadbeef-aaaa-bbbb-cccc-tmphubdddddd');
const hubServer = await startLoopbackServer(hubSim.handler);
const dir = await mkdtemp(join(tmpdir(), 'cozify-example-'));
const options = {
  email,
  baseUrl: `${cloudServer.url}/ui/0.2`,
  // The mock hub listens on a loopback port instead of 8893.
  hubPort: hubServer.port,
  store: new FileStore({ path: join(dir, 'sessions.json') }),
  clock,
  // Unattended OTP: read the code the mock "e-mailed". A real program reads a mailbox or asks a person.
  otp: async () => cloud.lastOtp(email) ?? '',
};

try {
  // First run: requestlogin, OTP, emaillogin, hub keys, LAN discovery.
  const first = new Cozify(options);
  await first.authenticate();
  console.log(
    'hubs:',
    (await first.hubs()).map((hub) => `${hub.name} at ${hub.host ?? 'remote only'}`),
  );
  const hub = await first.hub();
  await hub.deviceOn('light-sofa');
  // CMD_DEVICE: the state type, then only the fields to change (the rest keep their values).
  await hub.setDeviceState('light-sofa', { type: 'STATE_LIGHT', colorMode: 'ct', temperature: 2700 });
  const sofa = await hub.device('light-sofa');
  console.log(
    `sofa lamp on: ${sofa?.state.isOn}, ${sofa?.state.temperature} K at ${sofa?.state.brightness} (via ${hub.route})`,
  );
  const devices = await hub.devices();
  console.log(
    'devices:',
    Object.values(devices).map((device) => `${device.name} [${device.state.type}]`),
  );
  await first.close();

  // Second run on the same store: no OTP, no hub-key fetch.
  await using second = new Cozify({
    ...options,
    otp: async () => Promise.reject(new Error('no OTP needed')),
  });
  await second.authenticate();
  console.log(`second run: ${cloud.counts.otpRequests} OTP e-mail(s) in total`);

  // Two days later the refresh window has passed: ping renews the cloud token while it is valid.
  clock.advance(2 * 86_400_000);
  console.log('ping:', await second.ping(), `refreshes: ${cloud.counts.refreshes}`);

  // The hub drops off the LAN: calls continue through the cloud relay with X-Hub-Key.
  await hubServer.close();
  const remoteHub = await second.hub('HubbyMcHubFace');
  console.log(`time zone ${await remoteHub.tz()} (via ${remoteHub.route})`);
  if (cloud.counts.otpRequests !== 1 || remoteHub.route !== 'remote') throw new Error('unexpected flow');
} finally {
  await hubServer.close();
  await cloudServer.close();
  await rm(dir, { recursive: true, force: true });
}
