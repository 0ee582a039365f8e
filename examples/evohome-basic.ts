// evohome (Honeywell/Resideo TCC) against its mock cloud on 127.0.0.1: the seed's user_data
// scenario on V1, then the OAuth V2 API, sharing one store and one login throttle, and one write
// (a temporary zone override, awaited and read back).
// Build first (`pnpm --filter @tokenwise/evohome build`), then: pnpm exec tsx examples/evohome-basic.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/mock';
import { EvohomeClient, EvohomeV2Client, FileStore } from '@tokenwise/evohome';
import { EvohomeCloud } from '@tokenwise/evohome/mock';

// One clock for the mock and the clients, so an hour of session life passes instantly.
const clock = new FakeClock(Date.now());
const cloud = new EvohomeCloud({ clock });
const server = await startLoopbackServer(cloud.handler);
const dir = await mkdtemp(join(tmpdir(), 'evohome-example-'));
const userDataFile = join(dir, 'evohome-session-id.json');
const options = {
  username: 'demo@example.com',
  password: 'demo-password',
  baseUrl: server.url,
  store: new FileStore({ path: join(dir, 'sessions.json') }),
  clock,
};

/** One run of a polling script: load user_data, read temperatures, save user_data. */
async function pollOnce(label: string): Promise<void> {
  const userData = await EvohomeClient.loadUserData(userDataFile, {
    onProblem: (problem) => console.log(`  (${problem.reason} user_data file: logging in)`),
  });
  await using client = new EvohomeClient({ ...options, ...(userData ? { userData } : {}) });
  const readings = await client.temperatures();
  await client.saveUserData(userDataFile);
  const shown = readings.map((r) => `${r.name || 'hot water'} ${r.temp ?? '--'}°C`).join(', ');
  console.log(`${label}: ${shown} (vendor logins so far: ${cloud.counts.logins})`);
}

try {
  await pollOnce('run 1');
  clock.advance(5 * 60_000);
  await pollOnce('run 2, 5 min later');
  clock.advance(60 * 60_000);
  await pollOnce('run 3, an hour later (saved session expired: one transparent re-login)');

  // The vendor refuses a second login of an account within ~10 s, V1 or V2 alike.
  clock.advance(11_000);
  await using v2 = new EvohomeV2Client(options);
  const account = await v2.userAccount();
  const [location] = await v2.installation();
  if (location === undefined) throw new Error('the demo account has no location');
  for (let poll = 0; poll < 4; poll++) {
    const status = await v2.locationStatus(location.locationInfo.locationId);
    const zones = status.gateways.flatMap((g) => g.temperatureControlSystems.flatMap((s) => s.zones));
    console.log(`V2 poll ${poll + 1} for user ${account.userId}: ${zones.length} zones`);
    clock.advance(31 * 60_000);
  }

  // Control: hold the first zone at 21.5 °C for an hour, wait for the controller's task, read it back.
  const system = location.gateways[0]?.temperatureControlSystems[0];
  const zone = system?.zones[0];
  if (zone === undefined) throw new Error('the demo location has no zone');
  const until = new Date(clock.now() + 60 * 60_000);
  const task = await v2.setZoneSetpoint(zone.zoneId, 21.5, { until });
  await v2.waitForTask(task, { intervalMs: 100 });
  const { setpointStatus } = await v2.zoneStatus(zone.zoneId);
  console.log(
    `zone ${zone.name ?? zone.zoneId}: ${setpointStatus.targetHeatTemperature}°C, ${setpointStatus.setpointMode} until ${setpointStatus.until} (task ${task})`,
  );
  await v2.waitForTask(await v2.cancelZoneOverride(zone.zoneId), { intervalMs: 100 });

  console.log(
    `done: ${cloud.counts.v1Logins} V1 logins, ${cloud.counts.v2Logins} V2 login, ` +
      `${cloud.counts.refreshes} refreshes, ${cloud.counts.rateLimited} rate-limited`,
  );
  if (cloud.counts.logins !== 3 || cloud.counts.rateLimited !== 0) process.exitCode = 1;
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
