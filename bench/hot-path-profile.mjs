// hot-path-profile: where a client's CPU goes on the hot path (issue 15's before/after profile).
// Runs one hot-path child (default tokenwise) under `node --cpu-prof` for 2,000 device-list calls
// against the local simulator, keeps only the samples taken during those calls (not start-up, the
// store read or the warm-up), and prints the top functions by self time and the self time grouped
// by what the code belongs to (undici, GC, web streams, ky, auth-core, zod...), by the URL of each
// profile node. The .cpuprofile is kept for Chrome DevTools; its path is printed.
//
//   node bench/hot-path-profile.mjs [--client=tokenwise|tsvesync|fetch] [--calls=2000] [--top=15]
//
// Two groupings: "self" charges each sample to the function on top of the stack; "builtins to
// caller" charges V8 builtins and native frames with no URL (JSON.parse, Promise plumbing...) to
// the nearest caller that has one, which shows who asked for that work.
// The profiler samples on a wall-clock tick, so time the thread spends descheduled is charged to
// the frame it stopped in — on a loaded machine mostly the socket write syscall (native `writev`),
// where the kernel also hands the request to the server. Hence the column without writev.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClient, startPeer } from './hot-path.mjs';

const WARMUP = 200;

/** The group a profile node's code belongs to, from its URL (or V8's pseudo-function name). */
function groupOf(callFrame) {
  const { url, functionName } = callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(program)') return '(program: native, no JS stack)';
  if (functionName === '(root)') return '(root)';
  if (url === '') return 'V8 builtins / native';
  // undici's HTTP parser (llhttp) is WebAssembly.
  if (url.includes('node:internal/deps/undici') || url.startsWith('wasm://')) return 'undici';
  // Node 20 marks every ReadableStream transferable in its constructor (makeTransferable).
  if (url.includes('node:internal/webstreams') || url.includes('node:internal/worker/js_transferable')) {
    return 'web streams';
  }
  if (/[/@]ky[@/]/.test(url)) return 'ky';
  if (/[/@]zod[@/]/.test(url)) return 'zod';
  if (url.includes('/packages/auth-core/') || url.includes('@tokenwise/auth-core')) return 'auth-core';
  if (url.includes('/packages/vesync/') || url.includes('@tokenwise/vesync')) return '@tokenwise/vesync';
  if (url.includes('/tsvesync/')) return 'tsvesync';
  if (url.includes('/axios/') || url.includes('/follow-redirects/')) return 'axios (+ follow-redirects)';
  if (url.includes('/bench/')) return 'bench script';
  if (/node:internal\/(url|webidl|abort_controller|event_target|blob|encoding)/.test(url)) {
    return 'node web APIs (URL, AbortSignal, events, encoding)';
  }
  if (/node:(internal\/)?(net|stream|streams|http|_http|dns|timers)/.test(url)) {
    return 'node net/http/streams/timers';
  }
  if (url.includes('node:internal/process/task_queues')) return 'node microtask/tick queue';
  if (url.startsWith('node:')) return 'node (other internals)';
  return 'other';
}

const IDLE = new Set(['(idle)', '(root)']);

function analyse(profile, fromUs, toUs) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Nearest node at or above this one that has a URL (for the builtins-to-caller grouping).
  const chargedTo = (id) => {
    let current = id;
    while (current !== undefined) {
      const frame = nodes.get(current).callFrame;
      if (frame.url !== '' || frame.functionName.startsWith('(')) return frame;
      current = parent.get(current);
    }
    return nodes.get(id).callFrame;
  };
  const self = new Map();
  const charged = new Map();
  const fns = new Map();
  let total = 0;
  let busy = 0;
  let writev = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < fromUs || t > toUs) continue;
    // A sample stands for the time until the next one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const node = nodes.get(profile.samples[i]);
    const group = groupOf(node.callFrame);
    total += dt;
    if (!IDLE.has(group)) busy += dt;
    if (node.callFrame.functionName === 'writev' && node.callFrame.url === '') writev += dt;
    self.set(group, (self.get(group) ?? 0) + dt);
    const via = groupOf(chargedTo(node.id));
    charged.set(via, (charged.get(via) ?? 0) + dt);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^file:\/\/.*\/node_modules\/\.pnpm\//, 'pnpm:').replace(/^file:\/\/\/work\/main\//, '')}:${lineNumber + 1}` : ''}`;
    const entry = fns.get(key) ?? { key, group, us: 0 };
    entry.us += dt;
    fns.set(key, entry);
  }
  return { self, charged, fns, total, busy, writev };
}

async function main(argv) {
  const options = { client: 'tokenwise', calls: 2000, top: 15 };
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--/, '').split('=');
    if (name === 'client') options.client = value;
    else if (name === 'calls') options.calls = Number(value);
    else if (name === 'top') options.top = Number(value);
    else throw new Error(`unknown option ${arg} (--client=tokenwise|tsvesync|fetch --calls=2000 --top=15)`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'tokenwise-hot-path-profile-'));
  const peer = await startPeer();
  let result;
  try {
    const handle = await startClient(peer, options.client, {
      k: options.calls,
      warmup: WARMUP,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    });
    await handle.repeat();
    // The profile is written when the child exits, which finish() waits for.
    result = await handle.finish();
  } finally {
    await peer.close();
  }
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8'));
  if (result.measuredFromUs < profile.startTime || result.measuredToUs > profile.endTime) {
    throw new Error('the measured phase is outside the profile: the clocks do not match');
  }
  const { self, charged, fns, total, busy, writev } = analyse(
    profile,
    result.measuredFromUs,
    result.measuredToUs,
  );
  const run = result.runs[0];
  const pct = (us, of) => `${((100 * us) / of).toFixed(1)}%`.padStart(7);
  console.log(
    `hot-path profile: ${options.client}, ${options.calls} device-list calls (after ${WARMUP} warm-up) under --cpu-prof`,
  );
  console.log(
    `  under the profiler: CPU ${run.cpuUs.toFixed(0)} µs/call, wall ${run.wallUs.toFixed(0)} µs/call; ${result.requests} device-list requests for ${result.calls} calls`,
  );
  console.log(
    `  samples in the measured phase: ${(total / 1000).toFixed(0)} ms, of which not idle ${(busy / 1000).toFixed(0)} ms`,
  );
  console.log(
    `  of which the socket write syscall (native writev): ${(writev / 1000).toFixed(0)} ms = ${((100 * writev) / busy).toFixed(1)}% of not idle`,
  );
  console.log(`  top ${options.top} functions by self time (% of not-idle time)`);
  const top = [...fns.values()]
    .filter((f) => !IDLE.has(f.group))
    .sort((a, b) => b.us - a.us)
    .slice(0, options.top);
  for (const f of top) console.log(`   ${pct(f.us, busy)}  ${f.key}  [${f.group}]`);
  console.log(
    '  self time by group:                                 self: % not idle, % all, % not idle w/o writev   builtins charged to caller: % not idle',
  );
  const groups = [...new Set([...self.keys(), ...charged.keys()])]
    .filter((g) => !IDLE.has(g))
    .sort((a, b) => (self.get(b) ?? 0) - (self.get(a) ?? 0));
  for (const g of groups) {
    console.log(
      `   ${g.padEnd(52)}${pct(self.get(g) ?? 0, busy)}${pct(self.get(g) ?? 0, total)}${pct((self.get(g) ?? 0) - (g === 'V8 builtins / native' ? writev : 0), busy - writev)}            ${pct(charged.get(g) ?? 0, busy)}`,
    );
  }
  console.log(`   ${'(idle)'.padEnd(52)}${''.padStart(7)}${pct(self.get('(idle)') ?? 0, total)}`);
  console.log(`  profile: ${join(dir, file)}`);
}

await main(process.argv.slice(2));
