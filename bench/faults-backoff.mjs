// faults-backoff: the login back-off a SessionManager keeps for each Retry-After a 429 may carry,
// and for a 100-year back-off an older version left in the store. Prints figures, asserts nothing.
// Run after `pnpm --filter @tokenwise/auth-core build`: node bench/faults-backoff.mjs
import { FakeClock, handlerFetch, jsonResponse } from '@tokenwise/auth-core/mock';
import { createReferenceStrategy, ReferenceCloud } from '@tokenwise/auth-core/reference';
import { DEFAULT_MAX_BACK_OFF_MS, MemoryStore, SessionManager } from '@tokenwise/auth-core/vendor';

const THROTTLE_KEY = 'throttle:reference:demo@example.com';

function rig() {
  const clock = new FakeClock();
  const cloud = new ReferenceCloud({ clock });
  const store = new MemoryStore();
  let next429;
  const fetch = handlerFetch((request) => {
    if (next429 === undefined) return cloud.handler(request);
    const header = next429;
    next429 = undefined;
    return jsonResponse(
      { error: 'too_many_requests' },
      429,
      header === null ? {} : { 'retry-after': header },
    );
  });
  const strategy = createReferenceStrategy({
    baseUrl: 'https://ref.test',
    username: 'demo@example.com',
    password: 'demo-password',
    fetch,
  });
  const manager = new SessionManager({ strategy, store, clock });
  return { clock, store, manager, answer429: (header) => (next429 = header) };
}

/** How long the store keeps every process sharing it from logging in after one 429. */
async function backOffAfter(retryAfter) {
  const r = rig();
  r.answer429(retryAfter);
  await r.manager.get().catch(() => undefined);
  const record = await r.store.get(THROTTLE_KEY);
  return { ms: record ? record.until - r.clock.now() : 0, reason: record?.reason ?? '-' };
}

export async function runFaultsBackoff() {
  console.log(`faults-backoff: login back-off kept after a 429 (cap ${DEFAULT_MAX_BACK_OFF_MS} ms)`);
  for (const retryAfter of ['3153600000', '86401', '7200', '600', 'soon', '-5', null]) {
    const { ms, reason } = await backOffAfter(retryAfter);
    const label = retryAfter === null ? '(none)' : retryAfter;
    console.log(
      `  Retry-After ${label.padEnd(10)} → back-off ${String(ms).padStart(7)} ms (cap ${DEFAULT_MAX_BACK_OFF_MS})  ${reason}`,
    );
  }

  const r = rig();
  const storedMs = 100 * 365 * 86_400_000;
  await r.store.set(THROTTLE_KEY, { until: r.clock.now() + storedMs, reason: 'rate limited by the vendor' });
  const start = r.clock.now();
  const refused = await r.manager.get().catch((error) => error);
  // Step the clock a second at a time until a login goes through: how long the record locks everyone out.
  let loggedIn = false;
  while (!loggedIn && r.clock.now() - start < 2 * 86_400_000) {
    r.clock.advance(1_000);
    loggedIn = await r.manager.get().then(
      () => true,
      () => false,
    );
  }
  const lockedOutMs = r.clock.now() - start;
  console.log(
    `  stored back-off of ${storedMs} ms (100 years, older version) → refused with retryAfterMs ${refused?.retryAfterMs}, first login after ${loggedIn ? lockedOutMs : `more than ${lockedOutMs}`} ms (cap ${DEFAULT_MAX_BACK_OFF_MS})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runFaultsBackoff();
