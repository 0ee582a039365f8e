// VeSync quick tour against the mock cloud on 127.0.0.1: login, devices, device control, credential file, reuse.
// Run after building: pnpm --filter @tokenwise/vesync build && pnpm exec tsx examples/vesync-basic.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackServer } from '@tokenwise/auth-core/mock';
import { VeSync } from '@tokenwise/vesync';
import { VeSyncCloud } from '@tokenwise/vesync/mock';

const cloud = new VeSyncCloud();
await using server = await startLoopbackServer(cloud.handler);
// One loopback server plays both regional hosts: the mock reads the region from the /us or /eu prefix.
const baseUrl = { US: `${server.url}/us`, EU: `${server.url}/eu` };
const dir = await mkdtemp(join(tmpdir(), 'vesync-example-'));
const tokenFile = join(dir, '.vesync_auth');

try {
  // An old German account that lives on the US host: the first guess (EU) is redirected once.
  {
    await using vesync = new VeSync({
      username: 'altkunde@example.de',
      password: 'altkunde-password',
      countryCode: 'DE',
      baseUrl,
    });
    if (!(await vesync.login({ tokenFilePath: tokenFile }))) {
      throw new Error(`login refused: ${vesync.lastError?.message}`);
    }
    console.log(`logged in; the account lives in region ${vesync.region}`);
    for (const device of await vesync.getDevices()) {
      console.log(`  ${device.deviceName} (${device.deviceType}) ${device.connectionStatus}`);
    }
  }

  // Drive devices: a typed handle per class, bypassV2() for anything else.
  {
    await using vesync = new VeSync({ username: 'demo@example.com', password: 'demo-password', baseUrl });
    const devices = await vesync.getDevices();
    const core = devices.find((d) => d.deviceType === 'Core300S');
    if (core === undefined) throw new Error('the demo account has a Core300S');
    const purifier = vesync.purifier(core);
    await purifier.setPower(true);
    await purifier.setFanLevel(3);
    const status = await purifier.status();
    console.log(`purifier: ${status.on ? 'on' : 'off'}, mode ${status.mode}, fan level ${status.fanLevel}`);
    // Any device method, typed or not: the inner result comes back as it is.
    const raw = await vesync.bypassV2(core, { method: 'getPurifierStatus' });
    console.log(`raw getPurifierStatus keys: ${Object.keys(raw as object).join(', ')}`);
    try {
      await purifier.setFanLevel(7);
    } catch (error) {
      console.log(`fan level 7 refused before any request: ${(error as Error).message}`);
    }
  }

  // A later run: reuse the saved token, no login.
  {
    await using vesync = new VeSync({
      username: 'altkunde@example.de',
      password: 'altkunde-password',
      countryCode: 'DE',
      baseUrl,
    });
    const reused = await vesync.loadCredentialsFromFile(tokenFile);
    console.log(
      `saved token ${reused ? 'accepted' : 'rejected'}; devices: ${(await vesync.getDevices()).length}`,
    );
  }

  // Wrong password: login() resolves false and says why.
  {
    await using vesync = new VeSync({ username: 'demo@example.com', password: 'not-the-password', baseUrl });
    console.log(`wrong password -> ${await vesync.login()} (${vesync.lastError?.code})`);
  }

  console.log(
    `the cloud saw ${cloud.counts.logins} login(s), ${cloud.counts.crossRegion} cross-region redirect(s)`,
  );
  if (cloud.counts.logins !== 2) throw new Error('expected exactly two logins (two accounts)');
} finally {
  await rm(dir, { recursive: true, force: true });
}
