// The Probot entry: picks the scheduler (in process, or BullMQ in Redis with REDIS_URL), registers
// the handlers and the app's HTTP routes, and re-queues reviews a crash interrupted.
// Each Probot instance gets its own scheduler and metrics.
import os from "node:os";
import type { ApplicationFunctionOptions, Probot } from "probot";
import { DiskJournal } from "./jobs/disk-journal.js";
import { DistributedScheduler } from "./jobs/distributed-scheduler.js";
import { EmbeddedScheduler } from "./jobs/embedded-scheduler.js";
import { ReviewQueue } from "./jobs/queue.js";
import type { ReviewSteps, Scheduler } from "./jobs/scheduler.js";
import { MemoryWindowClaims, type WindowClaims } from "./jobs/window-claims.js";
import { withCommands } from "./github/app/command-steps.js";
import { DeliveryLog } from "./github/app/delivery-log.js";
import { registerHandlers } from "./github/app/handlers.js";
import { observabilityHandler } from "./github/app/http.js";
import { AppMetrics } from "./github/app/metrics.js";
import type { GitHubClient } from "./github/api/client.js";
import { ReplyLimiter } from "./github/app/reply-limiter.js";
import { installResilience } from "./github/api/resilience.js";
import { reviewSteps, type StepOptions } from "./github/app/review-steps.js";
import { settingsFromEnv, type AppSettings } from "./github/app/settings.js";
import type { JobPayload } from "./github/app/targets.js";
import { removeScratchDirsOnSignals } from "./engine/index.js";

export interface ArchreviewOptions extends Partial<Omit<StepOptions, "octokitFor" | "log">> {
  /** Embedded mode's queue (tests pass one with a short settle window). */
  queue?: ReviewQueue;
  metrics?: AppMetrics;
  github?: AppSettings["github"];
  /** Overrides ARCHREVIEW_STATE_DIR (null: no journal). */
  stateDir?: string | null;
  /** Overrides ARCHREVIEW_ROLE. */
  role?: AppSettings["role"];
  /** Overrides the settle window and the job lock (tests). */
  settleMs?: number;
  jobLockMs?: number;
  /** Redis key prefix of the jobs (tests isolate themselves with their own). */
  redisPrefix?: string;
  /** Receives the scheduler once built, and the re-queueing of interrupted reviews (tests wait on them). */
  onScheduler?: (scheduler: Scheduler<JobPayload>, recovered: Promise<number>) => void;
}

/** One resilient client per installation; its token renews itself. */
function installationClients(app: Probot, settings: AppSettings, metrics: AppMetrics): (id: number) => Promise<GitHubClient> {
  const clients = new Map<number, Promise<GitHubClient>>();
  return (id) => {
    let client = clients.get(id);
    if (!client) {
      if (clients.size >= 1000) clients.delete(clients.keys().next().value as number);
      client = app.auth(id).then((octokit) => installResilience(octokit as unknown as GitHubClient, { policy: settings.github, log: app.log.child({ installation: id }), metrics }));
      client.catch(() => clients.delete(id));
      clients.set(id, client);
    }
    return client;
  };
}

function schedulerFor(app: Probot, settings: AppSettings, options: ArchreviewOptions, steps: ReviewSteps<JobPayload>): Scheduler<JobPayload> {
  if (settings.redisUrl) {
    return new DistributedScheduler({
      redisUrl: settings.redisUrl,
      steps,
      log: app.log,
      work: settings.role !== "web",
      concurrency: settings.concurrency ?? os.availableParallelism(),
      settleMs: settings.settleMs,
      lockMs: settings.jobLockMs,
      prefix: settings.redisPrefix,
    });
  }
  const queue = options.queue ?? new ReviewQueue(app.log, { concurrency: settings.concurrency, settleMs: settings.settleMs });
  return new EmbeddedScheduler({ queue, steps, log: app.log, journal: settings.stateDir ? new DiskJournal<JobPayload>(settings.stateDir) : null });
}

/** The environment's settings, with what the embedding code (tests) overrides. */
function effectiveSettings(options: ArchreviewOptions): AppSettings {
  const overrides: Partial<AppSettings> = {
    github: options.github,
    cacheDir: options.cacheDir,
    redisUrl: options.redisUrl,
    stateDir: options.stateDir,
    role: options.role,
    settleMs: options.settleMs,
    jobLockMs: options.jobLockMs,
    redisPrefix: options.redisPrefix,
  };
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...settingsFromEnv(process.env), ...given };
}

export function createArchreview(options: ArchreviewOptions = {}) {
  return (app: Probot, probotOptions?: Partial<ApplicationFunctionOptions>): void => {
    const settings = effectiveSettings(options);
    // SIGINT/SIGTERM/SIGHUP: the checkouts of reviews under way are removed before the process exits (once per process).
    removeScratchDirsOnSignals();
    let scheduler: Scheduler<JobPayload> | null = null;
    const metrics = options.metrics ?? new AppMetrics(() => (scheduler ? scheduler.stats() : { waiting: 0, running: 0, oldestWaitingMs: 0 }));
    const octokitFor = installationClients(app, settings, metrics);
    // Per instance, shared by the handlers and the command steps (see delivery-log.ts, reply-limiter.ts).
    const deliveries = new DeliveryLog();
    let claims: WindowClaims = new MemoryWindowClaims(options.now ? () => (options.now as () => Date)().getTime() : Date.now);
    const replies = new ReplyLimiter(() => claims);
    const reviews = reviewSteps({
      octokitFor,
      log: app.log,
      limits: options.limits ?? settings.limits,
      isolation: options.isolation ?? settings.isolation,
      metrics,
      cacheDir: settings.cacheDir,
      redisUrl: settings.redisUrl,
      ...(options.now ? { now: options.now } : {}),
      ...(options.analyse ? { analyse: options.analyse } : {}),
    });
    const steps = withCommands(reviews, {
      octokitFor,
      submit: (ticket) => (scheduler ? scheduler.submit(ticket) : Promise.reject(new Error("the scheduler is not built yet"))),
      deliveries,
      replies,
      log: app.log,
    });
    const built = schedulerFor(app, settings, options, steps);
    scheduler = built;
    // Several instances share Redis: a reply allowed once per window must be claimed there.
    if (built instanceof DistributedScheduler) claims = built.claims;
    if (settings.role !== "worker") registerHandlers(app, { scheduler: built, deliveries, replies });
    const recovered = built.recover().then(
      (count) => {
        if (count > 0) app.log.info({ count }, "Re-queued reviews interrupted by a restart");
        return count;
      },
      (error: unknown) => {
        app.log.warn({ err: error }, "Could not look for interrupted reviews");
        return 0;
      },
    );
    options.onScheduler?.(built, recovered);
    const routes = observabilityHandler(metrics, { check: () => built.check() });
    try {
      probotOptions?.addHandler?.(routes);
    } catch (error) {
      // Loaded without an HTTP server (probot.load in tests): there is nowhere to serve routes.
      if (!/No server instance/.test(String(error))) throw error;
    }
  };
}

export default createArchreview();
