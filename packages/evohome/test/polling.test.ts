import { describe, expect, it } from 'vitest';
import { EvohomeClient } from '../src/index.js';
import { createCloud, demoOptions } from './harness.js';

const FIVE_MINUTES = 5 * 60_000;
const POLLS_PER_DAY = (24 * 60) / 5;

async function pollForADay(mode: 'sliding' | 'absolute', intervalMs = FIVE_MINUTES) {
  const world = createCloud({ sessionMode: mode });
  const client = new EvohomeClient(demoOptions(world));
  let readings = 0;
  for (let elapsed = 0; elapsed < 24 * 60 * 60_000; elapsed += intervalMs) {
    readings += (await client.temperatures()).length;
    world.clock.advance(intervalMs);
  }
  await client.close();
  return { counts: world.cloud.counts, readings };
}

describe('polling every 5 minutes for a simulated 24 h', () => {
  it('logs in exactly once when the vendor slides the session', async () => {
    const { counts, readings } = await pollForADay('sliding');
    expect(counts.logins).toBe(1);
    expect(counts.rateLimited).toBe(0);
    expect(readings).toBe(POLLS_PER_DAY * 5);
  });

  it('polling just inside the 15 min lifetime (every 14.5 min) still logs in exactly once', async () => {
    // The session would still be accepted: renewing it early would be a login the vendor did not force.
    const { counts } = await pollForADay('sliding', 14.5 * 60_000);
    expect(counts.logins).toBe(1);
    expect(counts.rejectedRequests).toBe(0);
  });

  it('logs in once per 15 min (what the vendor forces) when sessions are absolute, never tripping the limit', async () => {
    const { counts, readings } = await pollForADay('absolute');
    expect(counts.logins).toBe(POLLS_PER_DAY / 3);
    expect(counts.rateLimited).toBe(0);
    expect(readings).toBe(POLLS_PER_DAY * 5);
  });
});
