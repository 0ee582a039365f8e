// overhead: median latency of an authorized GET through the SDK vs a raw fetch of the same
// loopback URL with the same header. Goal: ratio <= 1.10.
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
    const raw = async () => {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${session.accessToken}`, accept: 'application/json' },
      });
      await response.json();
    };
    const sdk = () => client.items();
    for (let i = 0; i < WARMUP; i++) {
      await raw();
      await sdk();
    }
    const rawTimes = [];
    const sdkTimes = [];
    // Interleaved so both see the same machine load.
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      await raw();
      rawTimes.push(performance.now() - t);
      t = performance.now();
      await sdk();
      sdkTimes.push(performance.now() - t);
    }
    const rawMedian = median(rawTimes);
    const sdkMedian = median(sdkTimes);
    console.log(`overhead (${ROUNDS} interleaved authorized GETs on 127.0.0.1)`);
    console.log(`  raw fetch median: ${(rawMedian * 1000).toFixed(0)} µs`);
    console.log(`  tokenwise median: ${(sdkMedian * 1000).toFixed(0)} µs`);
    console.log(`  ratio: ${(sdkMedian / rawMedian).toFixed(2)} (goal <= 1.10)`);
    return { rawMedian, sdkMedian, ratio: sdkMedian / rawMedian };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runOverhead();
