// The default scheduler: the in-process ReviewQueue, plus an optional journal on disk so that the
// reviews a crash interrupted are re-queued at the next start. Each review's `start` step (its
// check run) begins at once, without waiting for the queue; the delivery is acknowledged first.
import { randomUUID } from "node:crypto";
import { ReviewQueue } from "./queue.js";
import type { Journal, ReviewSteps, Scheduler, SchedulerLogger, SchedulerStats, Ticket } from "./scheduler.js";

export interface EmbeddedOptions<P> {
  queue: ReviewQueue;
  steps: ReviewSteps<P>;
  log: SchedulerLogger;
  /** null: nothing survives the process. */
  journal: Journal<P> | null;
}

export class EmbeddedScheduler<P> implements Scheduler<P> {
  private readonly queue: ReviewQueue;
  private readonly steps: ReviewSteps<P>;
  private readonly log: SchedulerLogger;
  private readonly journal: Journal<P> | null;

  constructor(options: EmbeddedOptions<P>) {
    this.queue = options.queue;
    this.steps = options.steps;
    this.log = options.log;
    this.journal = options.journal;
  }

  async submit(ticket: Ticket<P>): Promise<void> {
    const id = randomUUID();
    const started = this.steps.started(ticket.payload) ? Promise.resolve(ticket.payload) : this.steps.start(ticket.payload, false);
    const journaled = started.then(async (payload) => {
      await this.journal?.put(id, payload).catch((error: unknown) => this.log.warn({ err: error, key: ticket.key }, "Could not journal the review"));
      return payload;
    });
    // An unstarted review (no check run) has nothing to complete: the failure is only logged.
    journaled.catch((error: unknown) => this.log.error({ err: error, key: ticket.key, label: ticket.label }, "Could not start the review"));
    const forget = () => this.journal?.delete(id).catch((error: unknown) => this.log.warn({ err: error }, "Could not clear the journal entry"));
    this.queue.enqueue(ticket.key, {
      label: ticket.label,
      group: ticket.group,
      run: async (signal) => {
        const payload = await journaled;
        try {
          await this.steps.run(payload, signal);
        } finally {
          await forget();
        }
      },
      superseded: async (by) => {
        const payload = await journaled;
        try {
          await this.steps.superseded(payload, by);
        } finally {
          await forget();
        }
      },
    });
  }

  async recover(): Promise<number> {
    if (!this.journal) return 0;
    let requeued = 0;
    // Every entry is an orphan: this process has only just started and has no jobs yet.
    for (const { id, payload } of await this.journal.list()) {
      try {
        const ticket = await this.steps.recover(payload);
        await this.journal.delete(id);
        if (ticket) {
          await this.submit(ticket);
          requeued++;
        }
      } catch (error) {
        this.log.warn({ err: error, entry: id }, "Could not recover an interrupted review; it is retried at the next start");
      }
    }
    return requeued;
  }

  async stats(): Promise<SchedulerStats> {
    return this.queue.stats();
  }

  async check(): Promise<void> {
    // The in-process queue is always reachable.
  }

  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }

  async close(): Promise<void> {
    await this.queue.onIdle();
  }
}
