// hot-path: the cost of one ordinary authorized call next to a real peer (issue 15).
// tokenwise (`@tokenwise/vesync`), tsvesync 1.6.1, a hand-built `fetch` (with and without a deadline)
// and the same call on `node:http` (the transport floor) call the
// device list of one account on one local VeSync simulator (ours, served on 127.0.0.1), each in its
// own process (bench/hot-path-child.mjs) with its session already held: tokenwise reads the FileStore
// the parent filled with one login, tsvesync logs in once before measuring, fetch sends the parent's
// token. Per process: min(K, 200) sequential calls as warm-up, then R repeats of K calls. Per client: medians
// over every repeat of CPU per call (user+sys, process.cpuUsage()), wall per call, and JS-heap bytes
// allocated per call (v8.GCProfiler: growth of the used heap plus what each GC freed) with GC counts.
// Absolute figures on a shared 2-core machine are noise; the ratios inside one run are the point.
//
//   node bench/hot-path.mjs [--k=50,1000] [--repeats=5] [--warmup=200] [--clients=fetch,tsvesync,tokenwise]
//
// The defaults run about 16,500 calls: 60–95 s on this shared 2-core machine under load 15–20
// (the simulator's loopback server shares it), much less on a quiet one.
// The three processes of one K are up together but take turns: the parent asks each for one repeat
// at a time, rotating the order, so a burst of load from elsewhere (this machine is shared) spreads
// over every client instead of landing on one client's whole run. Measures the BUILT packages:
// rebuild after changing them (`pnpm --filter @tokenwise/auth-core --filter @tokenwise/vesync build`) after changing them.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from '@tokenwise/auth-core';
import { VeSync } from '@tokenwise/vesync';
import { startLoopbackServer, VeSyncCloud } from '@tokenwise/vesync/mock';

const CHILD = fileURLToPath(new URL('./hot-path-child.mjs', import.meta.url));
const CLIENTS = ['node:http', 'fetch', 'fetch+deadline', 'tsvesync', 'tokenwise'];
const GOAL_VS_PEER = 1.0;
const GOAL_VS_FETCH = 1.15;

/**
 * One simulator on 127.0.0.1 and one tokenwise login stored in a FileStore, shared by every
 * measured process. Quotas are lifted: thousands of calls in a minute are the point here.
 */
export async function startPeer() {
  const cloud = new VeSyncCloud({ loginBurst: false, dailyRequestQuota: () => Number.POSITIVE_INFINITY });
  const server = await startLoopbackServer(cloud.handler);
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-hot-path-'));
  const storePath = join(dir, 'sessions.json');
  const seed = new VeSync({
    username: 'demo@example.com',
    password: 'demo-password',
    store: new FileStore({ path: storePath }),
    baseUrl: { US: server.url, EU: server.url },
  });
  if (!(await seed.login())) throw new Error('the seed login to the simulator failed');
  const session = seed.manager.peek();
  await seed.close();
  return {
    cloud,
    url: server.url,
    storePath,
    env: {
      HOT_PATH_URL: server.url,
      HOT_PATH_STORE: storePath,
      HOT_PATH_TOKEN: session.token,
      HOT_PATH_ACCOUNT_ID: session.accountId,
    },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts one client's process against the peer (its own login or store read, then the warm-up)
 * and returns a handle that runs one repeat at a time. `nodeArgs` e.g. ['--cpu-prof'].
 */
export async function startClient(peer, client, { k, warmup = k, nodeArgs = [], timeoutMs = 120_000 }) {
  const child = spawn(process.execPath, [...nodeArgs, CHILD], {
    env: {
      ...process.env,
      ...peer.env,
      HOT_PATH_CLIENT: client,
      HOT_PATH_K: String(k),
      HOT_PATH_WARMUP: String(warmup),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // Each step (setup, one repeat, closing) has its own deadline: a loaded machine may make the
  // whole process live long, but no single step should hang.
  const next = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const onMessage = (message) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code, signal) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        reject(new Error(`hot-path child ${client} (K=${k}) exited (${code ?? signal}):\n${output}`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (message) =>
    new Promise((resolve, reject) => child.send(message, (error) => (error ? reject(error) : resolve())));
  const counts = () => ({ requests: peer.cloud.counts.requests, logins: peer.cloud.counts.logins });
  const start = counts();
  await next();
  // Setup (login or store read, warm-up) runs alone, so what the simulator saw meanwhile is this client's.
  const setup = { logins: peer.cloud.counts.logins - start.logins };
  const runs = [];
  let measuredRequests = 0;
  let measuredLogins = 0;
  return {
    client,
    /** Ends the process at once (after a failure elsewhere); harmless once it has exited. */
    kill() {
      child.kill('SIGKILL');
    },
    /** One repeat of K calls; resolves its figures. */
    async repeat() {
      const before = counts();
      const [, { run }] = await Promise.all([send('repeat'), next()]);
      measuredRequests += peer.cloud.counts.requests - before.requests;
      measuredLogins += peer.cloud.counts.logins - before.logins;
      runs.push(run);
      return run;
    },
    /** Closes the client, waits for the process, and returns every repeat plus what the simulator saw. */
    async finish() {
      const [, { result }] = await Promise.all([send('finish'), next()]);
      await exited;
      if (result.wrong > 0) {
        throw new Error(
          `hot-path child ${client} (K=${k}): ${result.wrong} calls did not list the 3 devices`,
        );
      }
      return {
        ...result,
        runs,
        calls: runs.length * k,
        /** Device-list requests the simulator answered during the measured repeats. */
        requests: measuredRequests,
        setupLogins: setup.logins,
        measuredLogins,
      };
    },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians over every repeat of every process of one client at one K. */
function summarize(results) {
  const runs = results.flatMap((r) => r.runs.map((run) => ({ ...run, k: r.k })));
  const calls = results.reduce((n, r) => n + r.calls, 0);
  const requests = results.reduce((n, r) => n + r.requests, 0);
  return {
    cpuUs: median(runs.map((r) => r.cpuUs)),
    userUs: median(runs.map((r) => r.userUs)),
    systemUs: median(runs.map((r) => r.systemUs)),
    wallUs: median(runs.map((r) => r.wallUs)),
    allocKb: median(runs.map((r) => r.allocBytes)) / 1024,
    gcsPer1k: median(runs.map((r) => (r.gcs / r.k) * 1000)),
    requestsPerCall: requests / calls,
    setupLogins: results.reduce((n, r) => n + r.setupLogins, 0),
    measuredLogins: results.reduce((n, r) => n + r.measuredLogins, 0),
    processes: results.length,
    runs,
  };
}

function parseArgs(argv) {
  const options = { ks: [50, 1000], repeats: 5, warmup: 200, clients: CLIENTS };
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--/, '').split('=');
    if (name === 'k') options.ks = value.split(',').map(Number);
    else if (name === 'repeats') options.repeats = Number(value);
    else if (name === 'warmup') options.warmup = Number(value);
    else if (name === 'clients') options.clients = value.split(',');
    else throw new Error(`unknown option ${arg} (--k=50,1000 --repeats=5 --warmup=200 --clients=${CLIENTS})`);
  }
  return options;
}

const pad = (text, width) => String(text).padStart(width);
const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function verdict(ratio, goal) {
  return Number.isFinite(ratio) ? (Number(ratio.toFixed(2)) <= goal ? 'met' : 'not met') : '';
}

/** Runs the benchmark and prints the table and the ratios. Returns the summaries by K and client. */
export async function runHotPath(options = {}) {
  const { ks, repeats, warmup, clients } = { ...parseArgs([]), ...options };
  const peer = await startPeer();
  const summaries = {};
  try {
    console.log(
      `hot-path (VeSync device list on 127.0.0.1, session held, one process per client, ${repeats} interleaved repeats after min(K, ${warmup}) warm-up calls; medians)`,
    );
    for (const k of ks) {
      // All clients' processes are up at once but only one measures at a time; the order rotates
      // each repeat so every client sees the same mix of machine load.
      // Started one after the other so each one's setup logins are attributed to it.
      const handles = [];
      const byClient = {};
      try {
        for (const client of clients) {
          handles.push(await startClient(peer, client, { k, warmup: Math.min(k, warmup) }));
        }
        for (let r = 0; r < repeats; r++) {
          for (let i = 0; i < handles.length; i++) await handles[(i + r) % handles.length].repeat();
        }
        for (const handle of handles) byClient[handle.client] = [await handle.finish()];
      } finally {
        for (const handle of handles) handle.kill();
      }
      const summary = Object.fromEntries(clients.map((c) => [c, summarize(byClient[c])]));
      summaries[k] = summary;
      console.log(`  K = ${k} calls per repeat`);
      console.log(
        `    ${'client'.padEnd(16)}${pad('CPU µs/call', 13)}${pad('(user+sys)', 14)}${pad('wall µs/call', 14)}${pad('alloc KB/call', 15)}${pad('GCs/1k calls', 14)}${pad('HTTP req/call', 15)}${pad('logins setup/measured', 23)}`,
      );
      for (const client of clients) {
        const s = summary[client];
        console.log(
          `    ${client.padEnd(16)}${pad(fixed(s.cpuUs), 13)}${pad(`${fixed(s.userUs)}+${fixed(s.systemUs)}`, 14)}${pad(fixed(s.wallUs), 14)}${pad(fixed(s.allocKb, 1), 15)}${pad(fixed(s.gcsPer1k, 1), 14)}${pad(fixed(s.requestsPerCall, 3), 15)}${pad(`${s.setupLogins}/${s.measuredLogins}`, 23)}`,
        );
      }
      const tw = summary.tokenwise;
      // Median of per-round ratios: in round r every client ran its r-th repeat back to back, so
      // pairing them cancels most of the drift in machine load between rounds.
      const paired = (a, b, field) =>
        a && b ? median(a.runs.map((run, r) => run[field] / b.runs[r][field])) : Number.NaN;
      const ratio = (a, b, field) => (a && b ? a[field] / b[field] : Number.NaN);
      if (tw && summary.tsvesync) {
        const cpu = ratio(tw, summary.tsvesync, 'cpuUs');
        const wall = ratio(tw, summary.tsvesync, 'wallUs');
        console.log(
          `    tokenwise / tsvesync: CPU ${fixed(cpu, 2)} (goal <= ${GOAL_VS_PEER.toFixed(2)}: ${verdict(cpu, GOAL_VS_PEER)}; paired ${fixed(paired(tw, summary.tsvesync, 'cpuUs'), 2)}), wall ${fixed(wall, 2)} (paired ${fixed(paired(tw, summary.tsvesync, 'wallUs'), 2)})`,
        );
      }
      if (tw && summary.fetch) {
        const cpu = ratio(tw, summary.fetch, 'cpuUs');
        const wall = ratio(tw, summary.fetch, 'wallUs');
        console.log(
          `    tokenwise / fetch:    CPU ${fixed(cpu, 2)} (goal <= ${GOAL_VS_FETCH.toFixed(2)}: ${verdict(cpu, GOAL_VS_FETCH)}; paired ${fixed(paired(tw, summary.fetch, 'cpuUs'), 2)}), wall ${fixed(wall, 2)} (goal <= ${GOAL_VS_FETCH.toFixed(2)}: ${verdict(wall, GOAL_VS_FETCH)}; paired ${fixed(paired(tw, summary.fetch, 'wallUs'), 2)})`,
        );
      }
      if (tw && summary['fetch+deadline']) {
        const cpu = ratio(tw, summary['fetch+deadline'], 'cpuUs');
        const wall = ratio(tw, summary['fetch+deadline'], 'wallUs');
        console.log(
          `    tokenwise / fetch+deadline: CPU ${fixed(cpu, 2)} (paired ${fixed(paired(tw, summary['fetch+deadline'], 'cpuUs'), 2)}), wall ${fixed(wall, 2)} (paired ${fixed(paired(tw, summary['fetch+deadline'], 'wallUs'), 2)}) — the same call with the per-call deadline every tokenwise call carries`,
        );
      }
      const floor = summary['node:http'];
      if (floor && summary.fetch) {
        const line = (name) =>
          summary[name]
            ? `${name} ${fixed(ratio(summary[name], floor, 'cpuUs'), 2)} (paired ${fixed(paired(summary[name], floor, 'cpuUs'), 2)})`
            : undefined;
        console.log(
          `    CPU / node:http (the transport floor): ${['fetch', 'tsvesync', 'tokenwise'].map(line).filter(Boolean).join(', ')}`,
        );
      }
      const perCall = clients.map((c) => summary[c].requestsPerCall);
      if (perCall.some((n) => Math.abs(n - 1) > 1e-9)) {
        console.log(
          `    note: HTTP requests per call differ from 1 (${clients.map((c, i) => `${c} ${fixed(perCall[i], 3)}`).join(', ')}): the clients do not do the same work`,
        );
      }
    }
    console.log(
      '  (ratios: of the medians above; "paired": median of the per-round ratios, each round running every client once back to back)',
    );
    console.log(
      '  (CPU: user+sys of the client process over the repeat, all its threads; alloc: JS heap only; tsvesync also builds its device objects per call, tokenwise validates with zod)',
    );
    return summaries;
  } finally {
    await peer.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runHotPath(parseArgs(process.argv.slice(2)));
