import type { Clock } from '@tokenwise/auth-core/vendor';
import type { Task } from '../schemas.js';
import type { EvrimDataset } from './demo-data.js';
import { type ResearchInput, writeReport } from './report-writer.js';

interface Job {
  task: Task;
  input: ResearchInput;
  dueAt: number;
}

/**
 * Submitted research on its way to a report. The real crew takes minutes;
 * here a job completes `durationMs` after submission on the cloud's clock,
 * checked whenever a request comes in (no timers: a fake clock drives it).
 * With the default 0 the report is there on the very next read.
 */
export class ResearchDesk {
  readonly #data: EvrimDataset;
  readonly #clock: Clock;
  readonly #durationMs: number;
  #jobs: Job[] = [];

  /** @param durationMs how long a job stays pending (`status: "P"`). */
  constructor(data: EvrimDataset, clock: Clock, durationMs: number) {
    this.#data = data;
    this.#clock = clock;
    this.#durationMs = durationMs;
  }

  /** Takes a just-created task (already in the task list, pending) and its form. */
  submit(task: Task, input: ResearchInput): void {
    this.#jobs.push({ task, input, dueAt: this.#clock.now() + this.#durationMs });
  }

  /** Completes every job that is due: the task turns `C` and its run and report appear. */
  settle(): void {
    const now = this.#clock.now();
    const due = this.#jobs.filter((job) => job.dueAt <= now);
    if (due.length === 0) return;
    this.#jobs = this.#jobs.filter((job) => job.dueAt > now);
    for (const job of due) {
      job.task.status = 'C';
      writeReport(this.#data, job.task, job.input);
    }
  }

  /** Completes every pending job now, whatever the clock says. */
  finishAll(): void {
    for (const job of this.#jobs) job.dueAt = Number.NEGATIVE_INFINITY;
    this.settle();
  }

  /** Jobs still pending. */
  get pending(): number {
    return this.#jobs.length;
  }
}
