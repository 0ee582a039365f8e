// Compose vendors: one program using evohome, VeSync, Navien and Cozify on ONE token store, with
// one event log for all of them. Each vendor's simulator runs on 127.0.0.1.
//   pnpm build && pnpm exec tsx examples/compose-vendors.ts          # a FileStore
//   REDIS_URL=redis://127.0.0.1:6379 pnpm exec tsx examples/compose-vendors.ts redis
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileStore,
  type SessionBase,
  type SessionManager,
  type SessionManagerEvents,
  type TokenStore,
} from '@tokenwise/auth-core';
import { startLoopbackServer } from '@tokenwise/auth-core/mock';
import { Cozify } from '@tokenwise/cozify';
import { CozifyCloud } from '@tokenwise/cozify/mock';
import { EvohomeClient } from '@tokenwise/evohome';
import { EvohomeCloud } from '@tokenwise/evohome/mock';
import { NavienApiClient, NavienAuthClient } from '@tokenwise/navien';
import { NavienCloud } from '@tokenwise/navien/mock';
import { RedisStore } from '@tokenwise/store-redis';
import { VeSync } from '@tokenwise/vesync';
import { VeSyncCloud } from '@tokenwise/vesync/mock';

const kind = process.argv[2] === 'redis' ? 'redis' : 'file';
const email = 'demo@example.com';

// The simulators, each on its own loopback port.
const evohomeCloud = new EvohomeCloud();
const vesyncCloud = new VeSyncCloud();
const navienCloud = new NavienCloud();
const cozifyCloud = new CozifyCloud();
const hub = cozifyCloud.hub('deadbeef-aaaa-bbbb-cccc-tmphubdddddd');
const servers = await Promise.all(
  [evohomeCloud, vesyncCloud, navienCloud, cozifyCloud, hub].map((cloud) =>
    startLoopbackServer(cloud.handler),
  ),
);
const [evohomeServer, vesyncServer, navienServer, cozifyServer, hubServer] = servers;
if (!evohomeServer || !vesyncServer || !navienServer || !cozifyServer || !hubServer)
  throw new Error('no server');

const dir = await mkdtemp(join(tmpdir(), 'tokenwise-compose-'));
const store: TokenStore & { close?(): Promise<void> } =
  kind === 'redis'
    ? new RedisStore({
        url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        prefix: `compose-${process.pid}:`,
      })
    : new FileStore({ path: join(dir, 'sessions.json') });

// One event log for every vendor: the managers share one event vocabulary.
const log: string[] = [];
const EVENTS = ['login', 'refresh', 'restore', 'rate-limited', 'error'] as const;
function watch(manager: { on: SessionManager<SessionBase>['on'] }): void {
  for (const type of EVENTS) {
    manager.on(type, (event: SessionManagerEvents[typeof type]) =>
      log.push(`${event.vendor.padEnd(8)} ${type}`),
    );
  }
}

/** One run of the program: a client per vendor on the shared store, one read each, then close. */
async function run(label: string): Promise<void> {
  const from = log.length;
  const evohome = new EvohomeClient({
    username: email,
    password: 'demo-password',
    baseUrl: evohomeServer?.url,
    store,
  });
  const vesync = new VeSync({
    username: email,
    password: 'demo-password',
    baseUrl: { US: `${vesyncServer?.url}/us`, EU: `${vesyncServer?.url}/eu` },
    store,
  });
  // The seed's `NavienAuthClient.create()` signs in at once; the constructor lets us watch first.
  const navien = new NavienAuthClient(email, 'demo-password-123', {
    baseUrl: `${navienServer?.url}/api/v2.1`,
    store,
  });
  const cozify = new Cozify({
    email,
    baseUrl: `${cozifyServer?.url}/ui/0.2`,
    hubPort: hubServer?.port,
    store,
    // Unattended OTP: the code the simulator "e-mailed". A real program asks a person once.
    otp: async () => cozifyCloud.lastOtp(email) ?? '',
  });
  for (const client of [evohome, vesync, navien, cozify]) watch(client.manager);
  try {
    await Promise.all([navien.open(), cozify.authenticate()]);
    const [zones, devices, heaters, hubs] = await Promise.all([
      evohome.temperatures(),
      vesync.getDevices(),
      new NavienApiClient(navien).listDevices(),
      cozify.hubs(),
    ]);
    console.log(
      `${label}: ${zones.length} evohome zones, ${devices.length} VeSync devices, ${heaters.length} Navien heater(s), ${hubs.length} Cozify hub(s)`,
    );
  } finally {
    await Promise.all([evohome.close(), vesync.close(), navien.close(), cozify.close()]);
  }
  // The four run concurrently; sorted, the log reads the same every time.
  for (const line of log.slice(from).sort()) console.log(`  ${line}`);
}

try {
  console.log(`store: ${kind === 'redis' ? 'RedisStore' : 'FileStore'}`);
  await run('run 1');
  // A restart: new clients, same store. Nobody logs in again.
  await run('run 2');
  const logins =
    evohomeCloud.counts.logins +
    vesyncCloud.counts.logins +
    navienCloud.counts.logins +
    cozifyCloud.counts.logins;
  console.log(`vendor logins in both runs: ${logins} (one per vendor)`);
  if (logins !== 4) throw new Error(`expected one login per vendor, saw ${logins}`);
} finally {
  await store.close?.();
  await Promise.all(servers.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
}
