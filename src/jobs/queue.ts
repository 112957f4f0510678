// In-process review queue. The webhook handler only enqueues, so deliveries are acknowledged at
// once. Work is coalesced per key (one pull request): a newer job supersedes the one waiting
// (it never runs) and aborts the one running (it stops at its next checkpoint). Either way the
// superseded job is told, so it can close its check run. A job starts only once it has waited
// `settleMs` (a burst of pushes collapses to its last one instead of starting review after review).
// Among the jobs ready to start, the group (installation) running the fewest goes first.
// What is lost if the process dies: the waiting and running jobs; embedded-scheduler.ts journals
// them so the next start re-queues their reviews.
import os from "node:os";

export interface QueueLogger {
  error(meta: object, message: string): void;
}

export interface QueuedJob {
  /** What supersedes an older job of the same key names it by this label (a head sha). */
  label: string;
  /** Jobs of a group (an installation) take turns with other groups' (default: one group). */
  group?: string;
  run(signal: AbortSignal): Promise<void>;
  /** Called instead of `run` when a newer job replaced this one before it started. */
  superseded(by: string): Promise<void>;
}

/** The reason a running job's signal carries when a newer job of its key arrives. */
export class Superseded extends Error {
  constructor(readonly by: string) {
    super(`superseded by ${by}`);
    this.name = "Superseded";
  }
}

interface Entry {
  key: string;
  job: QueuedJob;
  readyAt: number;
}

export interface QueueOptions {
  concurrency?: number;
  /** How long a job waits for a newer one of its key before it starts. */
  settleMs?: number;
  now?: () => number;
}

export class ReviewQueue {
  private readonly waiting: Entry[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly runningPerGroup = new Map<string, number>();
  private active = 0;
  /** Superseded jobs closing their checks: only GitHub writes, so they take no review slot. */
  private closing = 0;
  private idleResolvers: (() => void)[] = [];
  private wakeUp: NodeJS.Timeout | null = null;
  private readonly concurrency: number;
  private readonly settleMs: number;
  private readonly now: () => number;

  constructor(
    private readonly log: QueueLogger,
    options: QueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    this.settleMs = options.settleMs ?? 1500;
    this.now = options.now ?? Date.now;
  }

  enqueue(key: string, job: QueuedJob): void {
    const index = this.waiting.findIndex((e) => e.key === key);
    if (index >= 0) {
      const [old] = this.waiting.splice(index, 1);
      this.track(old as Entry, () => (old as Entry).job.superseded(job.label), { closing: true });
    }
    this.running.get(key)?.abort(new Superseded(job.label));
    this.waiting.push({ key, job, readyAt: this.now() + this.settleMs });
    this.pump();
  }

  stats(): { waiting: number; running: number; oldestWaitingMs: number } {
    const now = this.now();
    const oldest = Math.min(...this.waiting.map((e) => e.readyAt - this.settleMs));
    return { waiting: this.waiting.length, running: this.running.size, oldestWaitingMs: Number.isFinite(oldest) ? now - oldest : 0 };
  }

  get size(): number {
    return this.waiting.length + this.active + this.closing;
  }

  /** Resolves once nothing is waiting or running (tests, graceful shutdown). */
  onIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleResolvers.push(resolve));
  }

  private pump(): void {
    // A key already running waits until its predecessor has stopped.
    while (this.active < this.concurrency) {
      const index = this.nextReady();
      if (index < 0) {
        this.wakeWhenReady();
        return;
      }
      const [entry] = this.waiting.splice(index, 1) as [Entry];
      const controller = new AbortController();
      this.running.set(entry.key, controller);
      const group = entry.job.group ?? "";
      this.runningPerGroup.set(group, (this.runningPerGroup.get(group) ?? 0) + 1);
      this.track(entry, () => entry.job.run(controller.signal), {
        after: () => {
          this.running.delete(entry.key);
          this.runningPerGroup.set(group, (this.runningPerGroup.get(group) ?? 1) - 1);
        },
      });
    }
  }

  /**
   * The ready entry to start: of the groups running the fewest jobs, the one waiting longest.
   * One installation pushing to fifty PRs does not make another's single review wait for all fifty.
   */
  private nextReady(): number {
    const now = this.now();
    let best = -1;
    let bestLoad = Infinity;
    for (const [i, e] of this.waiting.entries()) {
      if (this.running.has(e.key) || e.readyAt > now) continue;
      const load = this.runningPerGroup.get(e.job.group ?? "") ?? 0;
      if (load < bestLoad) {
        best = i;
        bestLoad = load;
      }
    }
    return best;
  }

  private wakeWhenReady(): void {
    const next = Math.min(...this.waiting.filter((e) => !this.running.has(e.key)).map((e) => e.readyAt));
    if (!Number.isFinite(next) || this.wakeUp) return;
    this.wakeUp = setTimeout(() => {
      this.wakeUp = null;
      this.pump();
    }, Math.max(0, next - this.now()));
  }

  private track(entry: Entry, work: () => Promise<void>, options: { after?: () => void; closing?: boolean } = {}): void {
    if (options.closing) this.closing++;
    else this.active++;
    // A job reports its own failures on its check run; this is the last net.
    void Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.log.error({ err: error, key: entry.key }, "Review job failed"))
      .finally(() => {
        options.after?.();
        if (options.closing) this.closing--;
        else this.active--;
        this.pump();
        if (this.size === 0) for (const resolve of this.idleResolvers.splice(0)) resolve();
      });
  }
}
