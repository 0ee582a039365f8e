// Navien Smart Control against its mock on 127.0.0.1: sign in once, run for simulated hours,
// restart from saved tokens without signing in, and presign the AWS IoT WebSocket URL. Along the
// way: firmware info, a time-of-use plan applied and read back, and a push-token update.
// Build first (`pnpm --filter @tokenwise/navien build`), then: pnpm exec tsx examples/navien-basic.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock, startLoopbackServer } from '@tokenwise/auth-core/mock';
import {
  AuthTokens,
  FileStore,
  InvalidCredentialsError,
  NavienApiClient,
  NavienAuthClient,
  presignIotUrl,
} from '@tokenwise/navien';
import { DEMO_ACCOUNTS, DEMO_DEVICE, NavienCloud } from '@tokenwise/navien/mock';

// One fake clock for the mock and the clients, so an hour of token life passes instantly.
const clock = new FakeClock(Date.now());
const cloud = new NavienCloud({ clock });
const server = await startLoopbackServer(cloud.handler);
const dir = await mkdtemp(join(tmpdir(), 'navien-example-'));
const email = 'demo@example.com';
const password = DEMO_ACCOUNTS[email]?.password ?? '';
const options = {
  baseUrl: `${server.url}/api/v2.1`,
  store: new FileStore({ path: join(dir, 'sessions.json') }),
  clock,
};

try {
  // Seed example 1: sign in and look around.
  let saved: ReturnType<AuthTokens['toDict']>;
  {
    await using auth = await NavienAuthClient.create(email, password, options);
    console.log(`signed in as ${auth.currentUser?.fullName} <${auth.userEmail}>`);
    const api = new NavienApiClient(auth);
    const [device] = await api.listDevices();
    if (device) {
      const info = await api.getDeviceInfo(device.deviceInfo);
      console.log(
        `device ${device.deviceInfo.deviceName} (${device.deviceInfo.macAddress}) in ${info.location?.city}`,
      );
      const firmwares = await api.getFirmwareInfo(device.deviceInfo);
      console.log(`firmware modules: ${firmwares.map((f) => `${f.curSwCode}@${f.curVersion}`).join(', ')}`);

      // Time of use: read the plan, apply another (what nwp500's update_tou sends), read it back.
      const touDevice = { ...device.deviceInfo, controllerId: DEMO_DEVICE.controllerId ?? '' };
      console.log(`time-of-use plan: ${(await api.getTouInfo(touDevice)).touInfo.name}`);
      await api.updateTou(device.deviceInfo, {
        touInfo: {
          name: 'Overnight rate',
          zipCode: '94903',
          schedule: [
            {
              season: 0xfff,
              interval: [
                {
                  week: 0xfe,
                  startHour: 0,
                  startMinute: 0,
                  endHour: 6,
                  endMinute: 59,
                  priceMin: 31_794,
                  priceMax: 31_794,
                  decimalPoint: 5,
                },
              ],
            },
          ],
        },
      });
      console.log(`after updateTou: ${(await api.getTouInfo(touDevice)).touInfo.name}`);

      // Where alarm notifications go; the mock shows what it registered.
      await api.updatePushToken({ pushToken: 'example-push-token' });
      console.log(
        `push token registered: ${cloud.pushRegistration(email)?.pushToken === 'example-push-token'}`,
      );
    }

    // Any endpoint the SDK does not wrap: an authorized call relative to auth.baseUrl.
    const raw = await auth.request('device/list', { json: { offset: 0, count: 20, userId: email } });
    console.log(`request() on ${auth.baseUrl}: HTTP ${raw.status}, ${auth.manager.stats.logins} sign-in(s)`);

    // Seed example 4: a long-running program; the client renews on its own.
    for (let hour = 1; hour <= 3; hour++) {
      clock.advance(3_600_000);
      const tokens = await auth.ensureValidToken();
      console.log(`hour ${hour}: token valid for ${Math.round((tokens?.timeUntilExpiry ?? 0) / 60_000)} min`);
    }
    // STS credentials last an hour and only a sign-in renews them, so each hour costs one sign-in.
    console.log(`so far: ${cloud.counts.logins} sign-in(s), ${cloud.counts.refreshes} refresh(es)`);
    saved = auth.currentTokens!.toDict();

    // Real-time: the AWS IoT WebSocket URL is SigV4-presigned with the STS credentials.
    const credentials = await auth.getAwsCredentials();
    const url = new URL(
      await presignIotUrl({ url: 'wss://a1t30mldyslmuq-ats.iot.us-east-1.amazonaws.com/mqtt', credentials }),
    );
    const fields = [...url.searchParams.keys()].filter((key) => key.startsWith('X-Amz-'));
    console.log(`presigned ${url.host}${url.pathname} with ${fields.join(', ')}`);
  }

  // Seed example 5: restart from saved tokens (snake_case, as the Python tools write them): no sign-in.
  const before = cloud.counts.logins;
  {
    await using auth = await NavienAuthClient.create(email, password, {
      ...options,
      storedTokens: AuthTokens.modelValidate(saved),
    });
    console.log(
      `restored: authenticated=${auth.isAuthenticated}, new sign-ins: ${cloud.counts.logins - before}`,
    );
  }

  // Seed example 3: manual sign-in with a wrong password.
  // Its own (memory) store: on the shared one, signIn() would adopt the fresh session stored above.
  const manual = new NavienAuthClient(undefined, undefined, { baseUrl: options.baseUrl, clock, env: {} });
  try {
    await manual.signIn(email, 'not-the-password');
  } catch (error) {
    if (!(error instanceof InvalidCredentialsError)) throw error;
    console.log(`wrong password: ${error.name}`);
  } finally {
    await manual.close();
  }
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
