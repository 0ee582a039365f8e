// tado° against its simulator on 127.0.0.1: a device login approved "in the browser", single-use
// refresh tokens rotating as time passes, a restart that logs in to nothing, and a spent quota.
// Build first (`pnpm --filter @tokenwise/tado build`), then: pnpm exec tsx examples/tado-basic.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore, RateLimitError, Tado, TadoLoginRequiredError } from '@tokenwise/tado';
import { FakeClock, startLoopbackServer, TadoCloud } from '@tokenwise/tado/mock';

// A fake clock shared by the simulator and the clients, so ten minutes of token life pass instantly.
const clock = new FakeClock(Date.now());
const cloud = new TadoCloud({ clock, interval: 0, dailyQuota: 12 });
const server = await startLoopbackServer(cloud.handler);
const dir = await mkdtemp(join(tmpdir(), 'tado-example-'));
const store = new FileStore({ path: join(dir, 'sessions.json') });

try {
  // 1. A program with no person at hand cannot log in: it is told what to do instead.
  const headless = new Tado({ baseUrl: server.url, store, clock });
  try {
    await headless.me();
  } catch (error) {
    if (!(error instanceof TadoLoginRequiredError)) throw error;
    console.log('headless:', error.message);
  }
  await headless.close();

  // 2. The device login: show the link and code; here the "browser" opens it, which approves it.
  const client = new Tado({
    baseUrl: server.url,
    store,
    clock,
    onDeviceCode: async (code) => {
      console.log(`open ${code.verificationUriComplete} and confirm ${code.userCode}`);
      await fetch(code.verificationUriComplete);
    },
  });
  await client.login();
  const me = await client.me();
  const home = me.homes[0]?.id ?? 0;
  const states = await client.zoneStates(home);
  for (const [zone, state] of Object.entries(states)) {
    console.log(`zone ${zone}: ${state.sensorDataPoints?.insideTemperature?.celsius ?? '?'} °C`);
  }

  // 3. Time passes: each renewal spends the single-use refresh token once and stores the next.
  for (let hour = 1; hour <= 3; hour++) {
    clock.advance(11 * 60_000);
    await client.zoneState(home, 1);
  }
  console.log(`refreshes: ${cloud.counts.refreshes}, invalid_grant answers: ${cloud.counts.invalidGrants}`);

  // 4. An overlay: 21 °C until the next schedule block, then back to the schedule.
  await client.setZoneOverlay(home, 1, {
    setting: { type: 'HEATING', power: 'ON', temperature: { celsius: 21 } },
    termination: { typeSkillBasedApp: 'NEXT_TIME_BLOCK' },
  });
  await client.deleteZoneOverlay(home, 1);
  await client.close();

  // 5. A restart: the stored session is used, no device code; then the daily quota runs out.
  const restarted = new Tado({ baseUrl: server.url, store, clock });
  try {
    for (;;) await restarted.me();
  } catch (error) {
    if (!(error instanceof RateLimitError)) throw error;
    console.log(
      `quota spent: retry in ${Math.round(error.retryAfterMs / 60_000)} min; logins: ${cloud.counts.logins}`,
    );
  }
  await restarted.close();
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
