// One measured client of the hot-path benchmark, alone in its process so that GC and JIT state
// of one client never leaks into another's figures. Parent: bench/hot-path.mjs.
//
// Env: HOT_PATH_CLIENT = tokenwise | tsvesync | fetch | fetch+deadline | node:http, HOT_PATH_URL (the simulator on 127.0.0.1),
// HOT_PATH_K (calls per repeat), HOT_PATH_REPEATS, HOT_PATH_WARMUP (calls before the first repeat),
// HOT_PATH_STORE (tokenwise: FileStore path pre-filled by the parent's one login),
// HOT_PATH_TOKEN / HOT_PATH_ACCOUNT_ID (fetch: the session sent by hand).
// With an IPC channel (bench/hot-path.mjs) it runs one repeat per 'repeat' message and reports
// over IPC; run alone it runs HOT_PATH_REPEATS repeats and prints `HOT_PATH_RESULT <json>`.
import { Agent, request } from 'node:http';
import { GCProfiler, getHeapStatistics } from 'node:v8';

const EMAIL = 'demo@example.com';
const PASSWORD = 'demo-password';
// The simulator's demo account has 3 devices: one page, so one HTTP request per device-list call.
const EXPECTED_DEVICES = 3;
const DEVICES_PATH = '/cloud/v1/deviceManaged/devices';

const client = process.env.HOT_PATH_CLIENT;
const url = process.env.HOT_PATH_URL;
const k = Number(process.env.HOT_PATH_K ?? 50);
const repeats = Number(process.env.HOT_PATH_REPEATS ?? 5);
const warmup = Number(process.env.HOT_PATH_WARMUP ?? k);

/** tokenwise: the published client on a FileStore the parent filled with one login. */
async function tokenwiseCall() {
  const { FileStore } = await import('@tokenwise/auth-core');
  const { VeSync } = await import('@tokenwise/vesync');
  const vesync = new VeSync({
    username: EMAIL,
    password: PASSWORD,
    store: new FileStore({ path: process.env.HOT_PATH_STORE }),
    baseUrl: { US: url, EU: url },
  });
  return {
    call: async () => (await vesync.getDevices()).length,
    close: () => vesync.close(),
  };
}

/**
 * tsvesync 1.6.1, redirected with its own public `apiUrl` option (no patching). Its app id is
 * random per instance; the simulator, like VeSync since Dec 2025, only accepts the official one,
 * so the public `restoreClientIdentity({ appId })` sets it before the one login.
 */
async function tsvesyncCall() {
  const { default: tsvesync } = await import('tsvesync');
  const manager = new tsvesync.VeSync(EMAIL, PASSWORD, 'America/New_York', {
    apiUrl: url,
    countryCode: 'US',
    debug: false,
  });
  manager.restoreClientIdentity({ appId: 'eldodkfj' });
  if (!(await manager.login())) throw new Error('tsvesync could not log in to the simulator');
  return {
    call: async () => ((await manager.getDevices()) ? (manager.devices?.length ?? 0) : 0),
    close: async () => {},
  };
}

/**
 * The floor: the same authorized POST built by hand, one fetch, one JSON parse. With `deadline`,
 * as a production call would be: an AbortController and a 30 s timer per call, the signal
 * handed to fetch (undici then wires its own abort to it: that wiring is the cost measured).
 */
async function fetchCall(deadline = false) {
  const token = process.env.HOT_PATH_TOKEN;
  const accountId = process.env.HOT_PATH_ACCOUNT_ID;
  const target = `${url}${DEVICES_PATH}`;
  const headers = { 'content-type': 'application/json; charset=UTF-8', 'user-agent': 'okhttp/3.12.1' };
  return {
    call: async () => {
      const controller = deadline ? new AbortController() : undefined;
      const timer = deadline ? setTimeout(() => controller.abort(), 30_000) : undefined;
      const response = await fetch(target, {
        method: 'POST',
        ...(controller ? { signal: controller.signal } : {}),
        headers,
        body: devicesBody(token, accountId),
      });
      const body = await response.json();
      clearTimeout(timer);
      return response.ok && body.code === 0 ? body.result.list.length : 0;
    },
    close: async () => {},
  };
}

/** The devices request body the fetch floors send. */
function devicesBody(token, accountId) {
  return JSON.stringify({
    acceptLanguage: 'en',
    appVersion: '5.6.60',
    phoneBrand: 'tokenwise',
    phoneOS: 'Android',
    accountID: accountId,
    method: 'devices',
    pageNo: 1,
    pageSize: 100,
    timeZone: 'America/New_York',
    token,
    traceId: String(Date.now()),
  });
}

/**
 * The transport floor: the same authorized POST on `node:http` (keep-alive agent, a 30 s socket
 * timeout that destroys the request), no fetch, no web streams — what an SDK that leaves
 * `fetch` for Node's own HTTP client (as tsvesync's axios does) starts from.
 */
async function nodeHttpCall() {
  const token = process.env.HOT_PATH_TOKEN;
  const accountId = process.env.HOT_PATH_ACCOUNT_ID;
  const target = new URL(`${url}${DEVICES_PATH}`);
  const agent = new Agent({ keepAlive: true });
  const send = () =>
    new Promise((resolve, reject) => {
      const body = devicesBody(token, accountId);
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          timeout: 30_000,
          headers: {
            'content-type': 'application/json; charset=UTF-8',
            'user-agent': 'okhttp/3.12.1',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            try {
              const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              resolve(res.statusCode === 200 && parsed.code === 0 ? parsed.result.list.length : 0);
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(body);
    });
  return { call: send, close: async () => agent.destroy() };
}

const factories = {
  tokenwise: tokenwiseCall,
  tsvesync: tsvesyncCall,
  fetch: () => fetchCall(false),
  'fetch+deadline': () => fetchCall(true),
  'node:http': nodeHttpCall,
};
if (!(client in factories)) throw new Error(`HOT_PATH_CLIENT must be one of ${Object.keys(factories)}`);
const { call, close } = await factories[client]();

let wrong = 0;
const check = (devices) => {
  if (devices !== EXPECTED_DEVICES) wrong++;
};
for (let i = 0; i < warmup; i++) check(await call());

/** One repeat: K sequential calls, with the process's CPU, wall time and JS-heap allocation. */
function measure() {
  return (async () => {
    const gc = new GCProfiler();
    const heapBefore = getHeapStatistics().used_heap_size;
    gc.start();
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < k; i++) check(await call());
    const wallNs = process.hrtime.bigint() - t0;
    const cpu = process.cpuUsage(cpu0);
    const { statistics } = gc.stop();
    const heapAfter = getHeapStatistics().used_heap_size;
    // Bytes allocated on the JS heap = growth of the used heap + everything each GC freed.
    let freed = 0;
    let gcCostUs = 0;
    for (const s of statistics) {
      freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
      gcCostUs += s.cost;
    }
    return {
      cpuUs: (cpu.user + cpu.system) / k,
      userUs: cpu.user / k,
      systemUs: cpu.system / k,
      wallUs: Number(wallNs) / 1000 / k,
      allocBytes: (heapAfter - heapBefore + freed) / k,
      gcs: statistics.length,
      gcCostUs,
    };
  })();
}

// Bounds of the measured repeats on the monotonic clock, in µs: the profile script keeps only the
// samples inside them (a --cpu-prof profile's timestamps use the same clock).
let measuredFromUs;
let measuredToUs;
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const repeat = async () => {
  measuredFromUs ??= nowUs();
  const run = await measure();
  measuredToUs = nowUs();
  return run;
};
const finish = async (runs) => {
  await close();
  return { client, k, warmup, wrong, runs, measuredFromUs, measuredToUs };
};

if (process.send) {
  // Driven by the parent, one repeat at a time, so the clients' repeats interleave in time and a
  // burst of load from elsewhere spreads over all of them instead of hitting one client's process.
  process.on('message', async (message) => {
    if (message === 'repeat') process.send({ run: await repeat() });
    else if (message === 'finish') {
      process.send({ result: await finish([]) });
      process.disconnect();
    }
  });
  process.send({ ready: true });
} else {
  const runs = [];
  for (let r = 0; r < repeats; r++) runs.push(await repeat());
  process.stdout.write(`HOT_PATH_RESULT ${JSON.stringify(await finish(runs))}\n`);
  process.exitCode = wrong === 0 ? 0 : 1;
}
