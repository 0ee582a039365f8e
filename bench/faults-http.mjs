// faults-http: what a slow, huge, vague or hung answer costs a caller, against the real package
// builds over loopback HTTP: a body that trickles, a 400 MB body, `Retry-After: soon` on a 429,
// and a hung call aborted (or timed out) after a garbage collection. Prints figures, asserts nothing.
// Run after `pnpm --filter @tokenwise/auth-core --filter @tokenwise/evrim --filter @tokenwise/vesync build`:
//   node bench/faults-http.mjs
//
// Measured on the 2-core dev box (before = bce1e10, ky-based AuthorizedHttp; after = issue 12 item 7):
//   trickling body, timeoutMs 1000   before 20.15 s, resolved           after 1.00 s TOKENWISE_TIMEOUT, connection closed
//   400 MB body                      before 17.7 s, read 400 MB, +1.2 GB RSS, TOKENWISE_RESPONSE_SHAPE
//                                    after 0.31 s TOKENWISE_RESPONSE_TOO_LARGE, server wrote 12 MB, +32 MB RSS
//   429 Retry-After: soon            before 60.1 s, 3 attempts          after 0.04 s, 1 attempt, TOKENWISE_RATE_LIMITED
//   VeSync abort at 1.5 s after gc   before 8.04 s (the answer)         after 1.51 s TOKENWISE_ABORTED, connection closed
//   VeSync timeoutMs 1500 after gc   before 1.50 s TOKENWISE_NETWORK, socket left open   after 1.50 s TOKENWISE_TIMEOUT, closed
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Evrim } from '@tokenwise/evrim';
import { EvrimCloud } from '@tokenwise/evrim/mock';
import { VeSync } from '@tokenwise/vesync';
import { VeSyncCloud } from '@tokenwise/vesync/mock';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const TRICKLE_MS = 20_000;
const HUGE_BYTES = 400_000_000;
const HANG_MS = 8_000;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/**
 * A loopback server: the mock cloud answers everything but the path `fault` picks,
 * which gets the fault. Records what the server saw of the faulty call.
 */
async function faultyServer(cloud, faultPath, fault) {
  const seen = { hits: 0, bytesWritten: 0, closedEarly: false };
  const timers = new Set();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.endsWith(faultPath)) {
      seen.hits++;
      res.on('close', () => {
        if (!res.writableEnded) seen.closedEarly = true;
      });
      req.resume();
      fault(req, res, seen, timers);
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const response = await cloud.handler(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: Object.entries(req.headers).filter(([, v]) => typeof v === 'string'),
        ...(body && req.method !== 'GET' ? { body } : {}),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const close = () =>
    new Promise((resolve) => {
      // clearTimeout also clears an interval in Node.
      for (const timer of timers) clearTimeout(timer);
      server.close(resolve);
      server.closeAllConnections();
    });
  return { base, seen, close };
}

const trickle = (_req, res, seen, timers) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('[');
  const started = Date.now();
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    if (Date.now() - started >= TRICKLE_MS) {
      clearInterval(timer);
      res.end(']');
      return;
    }
    seen.bytesWritten++;
    res.write(' ');
  }, 200);
  timers.add(timer);
};

const huge = (_req, res, seen) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const pump = () => {
    while (!res.destroyed && seen.bytesWritten < HUGE_BYTES) {
      seen.bytesWritten += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
};

const soon = (_req, res) => {
  res.writeHead(429, { 'retry-after': 'soon', 'content-type': 'application/json' });
  res.end('{"detail":"Request was throttled."}');
};

const hang = (_req, res, _seen, timers) => {
  // Answers after HANG_MS, like the vendor finally did in the measurement.
  const timer = setTimeout(() => {
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"traceId":"1","code":0,"msg":"request success","result":{"list":[],"total":0}}');
  }, HANG_MS);
  timers.add(timer);
};

async function outcome(promise) {
  const started = performance.now();
  try {
    await promise;
    return { ms: performance.now() - started, result: 'resolved' };
  } catch (error) {
    return { ms: performance.now() - started, result: error?.code ?? error?.name ?? String(error) };
  }
}

const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

async function evrimCase(label, faultPath, fault, options, run) {
  const cloud = new EvrimCloud();
  const server = await faultyServer(cloud, faultPath, fault);
  const client = await Evrim.create({
    baseUrl: `${server.base}/prod`,
    username: 'demo',
    password: 'demo-password',
    env: {},
    ...options,
  });
  gc();
  const rssBefore = process.memoryUsage().rss;
  const result = await outcome(run(client));
  const rssAfter = process.memoryUsage().rss;
  // Let the server notice a closed connection before reporting.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await client.close();
  await server.close();
  return { label, ...result, seen: { ...server.seen }, rssDeltaBytes: rssAfter - rssBefore };
}

async function vesyncCase(label, options, abortAfterMs) {
  const cloud = new VeSyncCloud();
  const server = await faultyServer(cloud, '/deviceManaged/devices', hang);
  const client = new VeSync({
    username: 'demo@example.com',
    password: 'demo-password',
    baseUrl: { US: server.base, EU: server.base },
    ...options,
  });
  await client.login();
  const controller = new AbortController();
  const abortTimer =
    abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
  const gcTimer = setTimeout(gc, 500);
  const result = await outcome(
    client.getDevices(abortAfterMs === undefined ? undefined : { signal: controller.signal }),
  );
  clearTimeout(abortTimer);
  clearTimeout(gcTimer);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await client.close();
  await server.close();
  return { label, ...result, seen: { ...server.seen } };
}

const rows = [];
const trickled = await evrimCase(
  'trickling reports() body, timeoutMs 1000',
  '/reports/',
  trickle,
  { timeoutMs: 1000 },
  (c) => c.reports(),
);
rows.push([
  trickled.label,
  secs(trickled.ms),
  trickled.result,
  `server saw close early: ${trickled.seen.closedEarly}`,
]);

const big = await evrimCase('400 MB reports() body', '/reports/', huge, {}, (c) => c.reports());
rows.push([
  big.label,
  secs(big.ms),
  big.result,
  `server wrote ${mb(big.seen.bytesWritten)}, RSS +${mb(big.rssDeltaBytes)}`,
]);

const vague = await evrimCase('429 with Retry-After: soon on reports()', '/reports/', soon, {}, (c) =>
  c.reports(),
);
rows.push([vague.label, secs(vague.ms), vague.result, `attempts: ${vague.seen.hits}`]);

const aborted = await vesyncCase('VeSync getDevices(), caller aborts at 1.5 s, gc() at 0.5 s', {}, 1500);
rows.push([
  aborted.label,
  secs(aborted.ms),
  aborted.result,
  `server saw close early: ${aborted.seen.closedEarly}`,
]);

const timedOut = await vesyncCase('VeSync getDevices(), timeoutMs 1500, gc() at 0.5 s', { timeoutMs: 1500 });
rows.push([
  timedOut.label,
  secs(timedOut.ms),
  timedOut.result,
  `server saw close early: ${timedOut.seen.closedEarly}`,
]);

console.log('faults-http: one hung, trickling, huge or vague answer (loopback, real builds)\n');
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) {
  console.log(
    `${row[0].padEnd(widths[0])}  ${row[1].padStart(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`,
  );
}
