// VeSync quick tour against the mock cloud on 127.0.0.1: login, devices, credential file, reuse.
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
  if (cloud.counts.logins !== 1) throw new Error('expected exactly one login');
} finally {
  await rm(dir, { recursive: true, force: true });
}
