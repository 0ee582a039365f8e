// overhead: median latency of an authorized GET through the SDK vs a raw fetch of the same
// loopback URL with the same header. Goal: ratio <= 1.10. A third client, raw fetch with the
// deadline every SDK call carries (an AbortController and a 30 s timer per call), shows the floor
// of a call that can be cancelled; its ratio is printed beside the goal's.
import { startLoopbackServer } from '@tokenwise/auth-core/mock';
import { ReferenceClient, ReferenceCloud } from '@tokenwise/auth-core/reference';

const ROUNDS = 3000;
const WARMUP = 300;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function runOverhead() {
  const cloud = new ReferenceCloud();
  const server = await startLoopbackServer(cloud.handler);
  try {
    const client = new ReferenceClient({
      baseUrl: server.url,
      username: 'demo@example.com',
      password: 'demo-password',
    });
    await client.items();
    const session = await client.manager.get();
    const url = `${server.url}/api/items`;
    const headers = { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' };
    const raw = async (signal) => {
      const response = await fetch(url, signal === undefined ? { headers } : { headers, signal });
      await response.json();
    };
    const rawDeadline = async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        await raw(controller.signal);
      } finally {
        clearTimeout(timer);
      }
    };
    const sdk = () => client.items();
    for (let i = 0; i < WARMUP; i++) {
      await raw(undefined);
      await rawDeadline();
      await sdk();
    }
    const rawTimes = [];
    const deadlineTimes = [];
    const sdkTimes = [];
    const timed = async (call, into) => {
      const t = performance.now();
      await call();
      into.push(performance.now() - t);
    };
    // Interleaved, in a rotating order, so all three see the same machine load.
    for (let i = 0; i < ROUNDS; i++) {
      const order = [
        [raw, rawTimes],
        [rawDeadline, deadlineTimes],
        [sdk, sdkTimes],
      ];
      for (let k = 0; k < 3; k++) await timed(...order[(i + k) % 3]);
    }
    const rawMedian = median(rawTimes);
    const deadlineMedian = median(deadlineTimes);
    const sdkMedian = median(sdkTimes);
    console.log(`overhead (${ROUNDS} interleaved authorized GETs on 127.0.0.1)`);
    console.log(`  raw fetch median: ${(rawMedian * 1000).toFixed(0)} µs`);
    console.log(`  raw fetch + deadline median: ${(deadlineMedian * 1000).toFixed(0)} µs`);
    console.log(`  tokenwise median: ${(sdkMedian * 1000).toFixed(0)} µs`);
    console.log(`  ratio: ${(sdkMedian / rawMedian).toFixed(2)} (goal <= 1.10)`);
    console.log(
      `  floor: raw fetch + deadline / raw fetch ${(deadlineMedian / rawMedian).toFixed(2)}; tokenwise / raw fetch + deadline ${(sdkMedian / deadlineMedian).toFixed(2)}`,
    );
    return { rawMedian, deadlineMedian, sdkMedian, ratio: sdkMedian / rawMedian };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runOverhead();
