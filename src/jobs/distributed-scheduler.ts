// The distributed scheduler (REDIS_URL): reviews are BullMQ jobs in Redis, so they survive a
// restart and every instance shares them; an instance may only receive webhooks (`work: false`)
// or also work. Two queues: `start` creates the check run at once (many run side by side, they
// only call GitHub), then adds the `review` job, delayed by the settle window.
// Coalescing per pull request: each submit records itself as the key's latest; a job that is not
// the latest when it starts is superseded, and a running one polls the record and aborts itself.
// Fair share: an installation's review gets a lower priority the more it submitted lately.
// A worker that dies mid-review loses its lock; another worker takes the job over (BullMQ's
// stalled-job recovery). A journal of started reviews, each kept until its check is completed on
// GitHub, lets `recover` re-queue any review whose job is gone or whose check GitHub did not let
// us complete (an outage longer than the retry budget). A start overtaken by a newer push before
// it ran creates no check run at all.
import { randomUUID } from "node:crypto";
import { Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { Superseded } from "./queue.js";
import { RedisWindowClaims } from "./redis-window-claims.js";
import type { ReviewSteps, Scheduler, SchedulerLogger, SchedulerStats, Ticket } from "./scheduler.js";
import type { WindowClaims } from "./window-claims.js";

/** How long a closing connection may take to end its socket (ioredis waits 2 s by default). */
const DISCONNECT_MS = 500;

export interface DistributedOptions<P> {
  redisUrl: string;
  steps: ReviewSteps<P>;
  log: SchedulerLogger;
  /** False: this instance only queues (it receives webhooks); others work. */
  work: boolean;
  /** Reviews this instance runs at once. */
  concurrency: number;
  settleMs: number;
  /** Key prefix in Redis (several deployments may share one server). */
  prefix?: string;
  /** A review whose worker stops renewing this lock is taken over by another worker. */
  lockMs?: number;
  /** How often a running review looks for a newer push to its pull request. */
  pollMs?: number;
}

interface JobData<P> {
  ticket: Ticket<P>;
  token: string;
}

interface Latest {
  token: string;
  label: string;
}

const WEEK_SECONDS = 7 * 24 * 3600;
const FAIR_SHARE_WINDOW_MS = 10 * 60_000;
const MAX_PRIORITY = 2_097_152;
const LIVE_STATES = new Set(["waiting", "delayed", "prioritized", "active", "waiting-children"]);

export class DistributedScheduler<P> implements Scheduler<P> {
  private readonly redis: Redis;
  private readonly starts: Queue;
  private readonly reviews: Queue;
  private readonly workers: Worker[] = [];
  private readonly prefix: string;
  private readonly steps: ReviewSteps<P>;
  private readonly log: SchedulerLogger;
  private readonly settleMs: number;
  private readonly pollMs: number;
  /** Claims every instance sees (the reply limiter's once-per-window), on this connection. */
  readonly claims: WindowClaims;

  constructor(options: DistributedOptions<P>) {
    this.prefix = options.prefix ?? "archreview";
    this.steps = options.steps;
    this.log = options.log;
    this.settleMs = options.settleMs;
    this.pollMs = options.pollMs ?? 1000;
    // BullMQ's workers block on this connection: it must retry forever instead of failing calls.
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null, disconnectTimeout: DISCONNECT_MS });
    this.redis.on("error", (error: unknown) => this.log.warn({ err: error }, "Redis connection error"));
    const connection = this.redis;
    this.claims = new RedisWindowClaims(connection, this.prefix);
    this.starts = new Queue("start", { connection, prefix: this.prefix });
    this.reviews = new Queue("review", { connection, prefix: this.prefix });
    if (!options.work) return;
    const lockDuration = options.lockMs ?? 30_000;
    const common = { connection, prefix: this.prefix, lockDuration, stalledInterval: Math.min(30_000, lockDuration) };
    this.workers.push(
      new Worker<JobData<P>>("start", (job) => this.startJob(job), { ...common, concurrency: 8 }),
      new Worker<JobData<P>>("review", (job) => this.reviewJob(job), { ...common, concurrency: options.concurrency }),
    );
    for (const worker of this.workers) {
      worker.on("failed", (job, error) => void this.failed(job, error));
      worker.on("error", (error) => this.log.warn({ err: error }, "Job worker error"));
    }
  }

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(":");
  }

  async submit(ticket: Ticket<P>): Promise<void> {
    const token = await this.claimLatest(ticket);
    const data: JobData<P> = { ticket, token };
    if (this.steps.started(ticket.payload)) await this.addReview(data);
    else await this.starts.add("start", data, { jobId: token, attempts: 5, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 });
  }

  /** Records `ticket` as its key's latest submission; older jobs of the key now supersede themselves. */
  private async claimLatest(ticket: Ticket<P>): Promise<string> {
    const token = `${Date.now().toString(36)}-${randomUUID()}`;
    const latest: Latest = { token, label: ticket.label };
    await this.redis.set(this.key("latest", ticket.key), JSON.stringify(latest), "EX", WEEK_SECONDS);
    return token;
  }

  private async latest(key: string): Promise<Latest | null> {
    const raw = await this.redis.get(this.key("latest", key));
    return raw ? (JSON.parse(raw) as Latest) : null;
  }

  /** The newer submission that replaces `data`, if there is one. */
  private async newer(data: JobData<P>): Promise<Latest | null> {
    const latest = await this.latest(data.ticket.key);
    return latest && latest.token !== data.token ? latest : null;
  }

  private async startJob(job: Job<JobData<P>>): Promise<void> {
    const { ticket, token } = job.data;
    // Nothing exists on GitHub yet: a newer push's own start covers the pull request.
    if (await this.newer(job.data)) return;
    const payload = await this.steps.start(ticket.payload, job.attemptsStarted > 1);
    await this.addReview({ ticket: { ...ticket, payload }, token });
  }

  /** Journals the started review (until its job ends), then queues it after the settle window. */
  private async addReview(data: JobData<P>): Promise<void> {
    await this.redis.hset(this.key("journal"), data.token, JSON.stringify(data.ticket));
    const priority = await this.fairShare(data.ticket.group, data.token);
    await this.reviews.add("review", data, { jobId: data.token, delay: this.settleMs, priority, removeOnComplete: true, removeOnFail: 1000 });
  }

  /** 1 + the group's submissions in the last ten minutes: a busy installation yields to a quiet one. */
  private async fairShare(group: string, token: string): Promise<number> {
    const key = this.key("recent", group);
    const now = Date.now();
    const results = await this.redis.multi().zadd(key, now, token).zremrangebyscore(key, 0, now - FAIR_SHARE_WINDOW_MS).zcard(key).pexpire(key, FAIR_SHARE_WINDOW_MS).exec();
    const count = Number(results?.[2]?.[1] ?? 1);
    return Math.min(MAX_PRIORITY, Math.max(1, count));
  }

  private async reviewJob(job: Job<JobData<P>>): Promise<void> {
    const data = job.data;
    let completed = false;
    try {
      completed = await this.review(data);
    } finally {
      await this.settled(data, completed);
    }
  }

  /** Runs the review, or closes its check when a newer push came first; true once the check is completed. */
  private async review(data: JobData<P>): Promise<boolean> {
    const newer = await this.newer(data);
    if (newer) return this.steps.superseded(data.ticket.payload, newer.label);
    const controller = new AbortController();
    const poll = setInterval(() => {
      this.newer(data)
        .then((n) => n && controller.abort(new Superseded(n.label)))
        .catch(() => undefined);
    }, this.pollMs);
    try {
      return await this.steps.run(data.ticket.payload, controller.signal);
    } finally {
      clearInterval(poll);
    }
  }

  /** The journal entry goes once the check is completed on GitHub; otherwise `recover` finds it. */
  private async settled(data: JobData<P>, completed: boolean): Promise<void> {
    if (completed) await this.redis.hdel(this.key("journal"), data.token);
    else this.log.warn({ key: data.ticket.key, label: data.ticket.label }, "The review's check could not be completed on GitHub: its journal entry stays for the next start");
  }

  /** A job that failed for good: a review's check is completed, never left in progress. */
  private async failed(job: Job<JobData<P>> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled more than allowable/i.test(error.message);
    if (!final) return;
    this.log.error({ err: error, queue: job.queueName, key: job.data.ticket.key }, "A review job failed for good");
    if (job.queueName !== "review") return;
    try {
      await this.settled(job.data, await this.steps.abandoned(job.data.ticket.payload, error.message));
    } catch (e) {
      this.log.error({ err: e, key: job.data.ticket.key }, "Could not close the check of a failed review");
    }
  }

  async recover(): Promise<number> {
    const lock = this.key("recover-lock");
    if ((await this.redis.set(lock, randomUUID(), "PX", 60_000, "NX")) !== "OK") return 0;
    let requeued = 0;
    try {
      const entries = await this.redis.hgetall(this.key("journal"));
      for (const [token, raw] of Object.entries(entries)) {
        const job = await this.reviews.getJob(token);
        if (job && LIVE_STATES.has(await job.getState())) continue;
        try {
          const ticket = await this.steps.recover((JSON.parse(raw) as Ticket<P>).payload);
          if (ticket) {
            await this.submit(ticket);
            requeued++;
          }
          await this.redis.hdel(this.key("journal"), token);
        } catch (error) {
          this.log.warn({ err: error, token }, "Could not recover an interrupted review; it is retried at the next start");
        }
      }
    } finally {
      await this.redis.del(lock);
    }
    return requeued;
  }

  async stats(): Promise<SchedulerStats> {
    const [reviews, starts] = await Promise.all([
      this.reviews.getJobCounts("waiting", "delayed", "prioritized", "active"),
      this.starts.getJobCounts("waiting", "delayed", "active"),
    ]);
    const waiting = (reviews.waiting ?? 0) + (reviews.delayed ?? 0) + (reviews.prioritized ?? 0) + (starts.waiting ?? 0) + (starts.delayed ?? 0) + (starts.active ?? 0);
    const queued = await this.reviews.getJobs(["waiting", "prioritized", "delayed"], 0, 99, true);
    const oldest = Math.min(...queued.map((j) => j.timestamp));
    return { waiting, running: reviews.active ?? 0, oldestWaitingMs: Number.isFinite(oldest) ? Math.max(0, Date.now() - oldest) : 0 };
  }

  /** Redis answers a PING within 2 s (commands wait for a reconnect forever otherwise). */
  async check(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within 2 s (${this.redis.status})`)), 2000);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once no review is queued or running anywhere (tests). */
  async onIdle(): Promise<void> {
    for (;;) {
      const s = await this.stats();
      if (s.waiting + s.running === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([this.starts.close(), this.reviews.close()]);
    // disconnect() returns with the socket still closing, ioredis holding a timer that kept the
    // process alive: closed means "end" said, or (a socket that had already failed says nothing)
    // ioredis's own disconnect timeout run out.
    // Already ended: disconnect() would only arm that timer on the dead socket.
    if (this.redis.status === "end") return;
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<void>((resolve) => this.redis.once("end", () => resolve()));
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, DISCONNECT_MS + 50)));
    this.redis.disconnect();
    await Promise.race([ended, timedOut]);
    clearTimeout(timer);
  }
}
