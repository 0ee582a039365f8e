import { FakeClock } from '@tokenwise/auth-core/testing';
import { describe, expect, it } from 'vitest';
import { AbortError, EvohomeTaskFailedError, EvohomeTaskTimeoutError } from '../src/index.js';
import { taskOutcome, waitForTask } from '../src/task-wait.js';

const states = (...sequence: string[]) => {
  let poll = 0;
  const read = async () => sequence[Math.min(poll++, sequence.length - 1)] ?? '';
  return { read, polls: () => poll };
};

describe('waitForTask', () => {
  it('reads the recorded states: pending / Created / Running wait, Succeeded ends, failures throw', () => {
    expect(['pending', 'Created', 'Running', 'Queued'].map(taskOutcome)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(taskOutcome('Succeeded')).toBe('succeeded');
    expect(['Failed', 'Cancelled', 'Error'].map(taskOutcome)).toEqual(['failed', 'failed', 'failed']);
  });

  it('polls through states no recording shows until Succeeded', async () => {
    const task = states('Created', 'Queued', 'Running', 'Succeeded');
    await waitForTask(
      '1',
      task.read,
      { timeoutMs: 1_000, intervalMs: 1, signal: undefined },
      new FakeClock(),
    );
    expect(task.polls()).toBe(4);
  });

  it('ends at the deadline of the clock, and after the polls that fit in it when the clock stands still', async () => {
    const clock = new FakeClock();
    const moving = states('pending');
    const read = async () => {
      clock.advance(400);
      return moving.read();
    };
    const error = await waitForTask(
      '7',
      read,
      { timeoutMs: 1_000, intervalMs: 1, signal: undefined },
      clock,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EvohomeTaskTimeoutError);
    expect(moving.polls()).toBe(3);

    const frozen = states('pending');
    await expect(
      waitForTask('7', frozen.read, { timeoutMs: 5, intervalMs: 1, signal: undefined }, new FakeClock()),
    ).rejects.toBeInstanceOf(EvohomeTaskTimeoutError);
    expect(frozen.polls()).toBe(6);
  });

  it('a failure state is EvohomeTaskFailedError; an aborted signal stops the wait', async () => {
    const failed = await waitForTask(
      '9',
      states('Running', 'Failed').read,
      { timeoutMs: 1_000, intervalMs: 1, signal: undefined },
      new FakeClock(),
    ).catch((caught: unknown) => caught);
    expect(failed).toBeInstanceOf(EvohomeTaskFailedError);
    expect(failed).toMatchObject({ taskId: '9', state: 'Failed', vendorCode: 'Failed' });

    const controller = new AbortController();
    const pending = waitForTask(
      '9',
      states('pending').read,
      { timeoutMs: 60_000, intervalMs: 1_000, signal: controller.signal },
      new FakeClock(),
    );
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});
