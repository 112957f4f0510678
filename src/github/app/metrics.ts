// Prometheus metrics of one app instance (its own registry: no module-level state).
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FetchPath, ReviewOutcomeLabel } from "../../pipeline/metrics.js";
import { REVIEW_PHASES, type PhaseSplit } from "../../pipeline/phases.js";

export interface QueueStats {
  waiting: number;
  running: number;
  oldestWaitingMs: number;
}

export class AppMetrics {
  readonly registry = new Registry();
  private readonly reviews = new Counter({ name: "archreview_reviews_total", help: "Reviews by outcome", labelNames: ["outcome"], registers: [this.registry] });
  private readonly duration = new Histogram({
    name: "archreview_review_duration_seconds",
    help: "Time from the start of a review to its published check run",
    labelNames: ["outcome"],
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
    registers: [this.registry],
  });
  private readonly fetches = new Counter({
    name: "archreview_review_fetches_total",
    help: "Reviews by how their trees were fetched: changed-files (the merge base cached) or tarballs",
    labelNames: ["path"],
    registers: [this.registry],
  });
  private readonly filesFetched = new Counter({ name: "archreview_changed_files_fetched_total", help: "Files fetched one by one by changed-files reviews", registers: [this.registry] });
  private readonly phaseDuration = new Histogram({
    name: "archreview_review_phase_seconds",
    help: "Time of each phase of a published review: fetch, graph, review, render, publish",
    labelNames: ["phase"],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  private readonly apiErrors = new Counter({ name: "archreview_github_api_errors_total", help: "GitHub API errors by HTTP status", labelNames: ["status"], registers: [this.registry] });

  constructor(queueStats: () => QueueStats | Promise<QueueStats>) {
    new Gauge({
      name: "archreview_queue_depth",
      help: "Reviews waiting or running",
      labelNames: ["state"],
      registers: [this.registry],
      async collect() {
        // An unreachable queue backend leaves the last values (and /healthz says why).
        const s = await Promise.resolve(queueStats()).catch(() => null);
        if (!s) return;
        this.set({ state: "waiting" }, s.waiting);
        this.set({ state: "running" }, s.running);
      },
    });
    new Gauge({
      name: "archreview_queue_oldest_age_seconds",
      help: "How long the oldest waiting review has waited",
      registers: [this.registry],
      async collect() {
        const s = await Promise.resolve(queueStats()).catch(() => null);
        if (s) this.set(s.oldestWaitingMs / 1000);
      },
    });
  }

  review(outcome: ReviewOutcomeLabel, seconds: number): void {
    this.reviews.inc({ outcome });
    this.duration.observe({ outcome }, seconds);
  }

  /** The time split of one published review. */
  phases(seconds: PhaseSplit): void {
    for (const phase of REVIEW_PHASES) this.phaseDuration.observe({ phase }, seconds[phase]);
  }

  fetched(path: FetchPath, files: number): void {
    this.fetches.inc({ path });
    if (files > 0) this.filesFetched.inc(files);
  }

  apiError(status: number | string): void {
    this.apiErrors.inc({ status: String(status) });
  }
}
