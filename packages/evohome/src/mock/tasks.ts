import type { EvohomeMockAccount } from './accounts.js';

/** Where a communication task stands on one poll. */
export type MockTaskPhase = 'created' | 'running' | 'succeeded' | 'failed';

interface MockTask {
  account: EvohomeMockAccount;
  polls: number;
  fails: boolean;
}

/**
 * The vendor's communication tasks: every accepted write gets a numeric id,
 * and `commTasks?commTaskId=` reports it pending for `pendingPolls` polls,
 * then done — the sequence the Python clients poll through.
 */
export class MockTasks {
  /** Polls a task answers as still pending before it reports its outcome. */
  pendingPolls: number;
  #failNext = false;
  // Real ids are 9–10 digit numbers (e.g. 1588314363).
  #nextId = 1_588_314_363;
  readonly #tasks = new Map<string, MockTask>();

  constructor(pendingPolls: number) {
    this.pendingPolls = pendingPolls;
  }

  /** A new task for an accepted write; returns its id. */
  create(account: EvohomeMockAccount): string {
    const id = String(this.#nextId++);
    this.#tasks.set(id, { account, polls: 0, fails: this.#failNext });
    this.#failNext = false;
    return id;
  }

  /** The next task created ends `Failed` instead of `Succeeded`. */
  failNext(): void {
    this.#failNext = true;
  }

  /** One poll of a task of this account; `undefined` when there is no such task. */
  poll(account: EvohomeMockAccount, id: string): MockTaskPhase | undefined {
    const task = this.#tasks.get(id);
    if (task?.account !== account) return undefined;
    task.polls++;
    if (task.polls > this.pendingPolls) return task.fails ? 'failed' : 'succeeded';
    return task.polls === 1 ? 'created' : 'running';
  }
}
