import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeepAlive } from '../src/manager/keep-alive.js';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A target whose session falls due at `dueAt`; `renew()` renews only once the session is due
 * (as `SessionManager.get()` does), and `now()` is read off a clock the test moves.
 */
function target(clock: { now: number }) {
  const state = { due: 1_000, renewals: [] as number[], renewCalls: 0 };
  return {
    state,
    dueAt: () => state.due,
    now: () => clock.now,
    retryInMs: () => 30_000,
    async renew() {
      state.renewCalls++;
      if (clock.now < state.due) {
        // Still fresh: nothing renewed, and the clock moves on meanwhile.
        clock.now += 1;
        return;
      }
      state.renewals.push(clock.now);
      state.due = clock.now + 1_000;
    },
  };
}

describe('KeepAlive timer', () => {
  it('renews on time when its timer fires a millisecond before the clock reaches the due time', async () => {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const t = target(clock);
    const keepAlive = new KeepAlive(t);
    keepAlive.schedule();
    // The event loop's cached time lets a timer fire while Date.now() still reads 1 ms short.
    clock.now = 999;
    await vi.advanceTimersByTimeAsync(1_000);
    clock.now = 1_000;
    await vi.advanceTimersByTimeAsync(1);
    expect(t.state.renewals).toEqual([1_000]);
    // The next one is planned from the renewed session, not after the 30 s failure back-off.
    clock.now = 2_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.state.renewals).toEqual([1_000, 2_000]);
    keepAlive.stop();
  });

  it('waits retryInMs() after a renewal that left the session due (a failure or a back-off)', async () => {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const t = target(clock);
    t.renew = async () => {
      t.state.renewCalls++;
    };
    const keepAlive = new KeepAlive(t);
    keepAlive.schedule();
    clock.now = 1_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.state.renewCalls).toBe(1);
    clock.now = 20_000;
    await vi.advanceTimersByTimeAsync(19_000);
    expect(t.state.renewCalls).toBe(1);
    clock.now = 31_000;
    await vi.advanceTimersByTimeAsync(11_000);
    expect(t.state.renewCalls).toBe(2);
    keepAlive.stop();
  });
});
