// The default scheduler: the in-process ReviewQueue, plus an optional journal on disk. A review is
// journaled when it is submitted (so acknowledging the delivery is safe) and its entry is removed
// only once its check is completed on GitHub: a crash, or an outage longer than the retry budget,
// leaves the entry for `recover` at the next start. Each review's `start` step (its check run)
// begins at once, one per pull request at a time (start-line.ts), without waiting for the queue.
import { randomUUID } from "node:crypto";
import { ReviewQueue } from "./queue.js";
import type { Journal, ReviewSteps, Scheduler, SchedulerLogger, SchedulerStats, Ticket } from "./scheduler.js";
import { StartLine, type StartOutcome } from "./start-line.js";

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
  private readonly starts = new StartLine();

  constructor(options: EmbeddedOptions<P>) {
    this.queue = options.queue;
    this.steps = options.steps;
    this.log = options.log;
    this.journal = options.journal;
  }

  async submit(ticket: Ticket<P>): Promise<void> {
    const id = randomUUID();
    const meta = { key: ticket.key, label: ticket.label };
    await this.journal?.put(id, ticket.payload).catch((error: unknown) => this.log.warn({ err: error, ...meta }, "Could not journal the review"));
    const forget = async () => {
      await this.journal?.delete(id).catch((error: unknown) => this.log.warn({ err: error, ...meta }, "Could not clear the journal entry"));
    };
    const { payload } = ticket;
    const started = this.starts.run(ticket.key, () => (this.steps.started(payload) ? Promise.resolve(payload) : this.steps.start(payload, false)));
    const journaled = started.then((outcome) => this.afterStart(id, outcome, forget, meta));
    /** Whatever ends the review, the entry goes once its check is completed on GitHub, and only then. */
    const settle = async (step: (payload: P) => Promise<boolean>) => {
      const outcome = await journaled;
      if (outcome.outcome !== "started") return;
      let completed = false;
      try {
        completed = await step(outcome.payload);
      } finally {
        if (completed) await forget();
        else this.log.warn(meta, "The review's check could not be completed on GitHub: its journal entry stays for the next start");
      }
    };
    this.queue.enqueue(ticket.key, {
      label: ticket.label,
      group: ticket.group,
      run: (signal) => settle((p) => this.steps.run(p, signal)),
      superseded: (by) => settle((p) => this.steps.superseded(p, by)),
    });
  }

  /** The started review is journaled with its check run; a skipped one is forgotten; a failed one kept unless a newer push covers it. */
  private async afterStart(id: string, outcome: StartOutcome<P>, forget: () => Promise<void>, meta: object): Promise<StartOutcome<P>> {
    if (outcome.outcome === "started") {
      await this.journal?.put(id, outcome.payload).catch((error: unknown) => this.log.warn({ err: error, ...meta }, "Could not journal the review"));
    } else if (outcome.outcome === "skipped" || outcome.overtaken) {
      await forget();
    } else {
      // No check run: nothing to complete. The entry stays, so the next start reviews the PR.
      this.log.error({ err: outcome.error, ...meta }, "Could not start the review");
    }
    return outcome;
  }

  async recover(): Promise<number> {
    if (!this.journal) return 0;
    const found: { id: string; ticket: Ticket<P> }[] = [];
    // Every entry is an orphan: this process has only just started and has no jobs yet.
    for (const { id, payload } of await this.journal.list()) {
      try {
        const ticket = await this.steps.recover(payload);
        if (ticket) found.push({ id, ticket });
        else await this.journal.delete(id);
      } catch (error) {
        this.log.warn({ err: error, entry: id }, "Could not recover an interrupted review; it is retried at the next start");
      }
    }
    // Several entries of one PR become tickets for its current head: the resumed check (started)
    // goes last, so it is the one that runs and the others are skipped or superseded.
    found.sort((a, b) => Number(this.steps.started(a.ticket.payload)) - Number(this.steps.started(b.ticket.payload)));
    for (const { id, ticket } of found) {
      await this.submit(ticket);
      await this.journal.delete(id);
    }
    return found.length;
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
