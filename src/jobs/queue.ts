// In-process review queue: the webhook handler only enqueues, so deliveries are acknowledged at
// once. Work is coalesced per key (one pull request): a newer job replaces one still waiting.
// What is lost if the process dies: the waiting and running jobs (their checks stay queued).
import os from "node:os";

export interface QueueLogger {
  error(meta: object, message: string): void;
}

interface Job {
  key: string;
  run: () => Promise<void>;
}

export class ReviewQueue {
  private readonly waiting: Job[] = [];
  private running = 0;
  private idleResolvers: (() => void)[] = [];

  constructor(
    private readonly log: QueueLogger,
    private readonly concurrency = Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
  ) {}

  /** Queues `run` under `key`; a job with the same key that has not started yet is replaced. Returns true if it replaced one. */
  enqueue(key: string, run: () => Promise<void>): boolean {
    const index = this.waiting.findIndex((j) => j.key === key);
    if (index >= 0) this.waiting.splice(index, 1);
    this.waiting.push({ key, run });
    this.pump();
    return index >= 0;
  }

  get size(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves once nothing is waiting or running (tests, graceful shutdown). */
  onIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleResolvers.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as Job;
      this.running++;
      // A job's own failures are its business (it reports them on its check run); this is the last net.
      void job
        .run()
        .catch((error: unknown) => this.log.error({ err: error, key: job.key }, "Review job failed"))
        .finally(() => {
          this.running--;
          this.pump();
          if (this.size === 0) for (const resolve of this.idleResolvers.splice(0)) resolve();
        });
    }
  }
}
