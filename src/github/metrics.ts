// Prometheus metrics of one app instance (its own registry: no module-level state).
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type ReviewOutcomeLabel = "reviewed" | "unreviewable" | "superseded";

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
  private readonly apiErrors = new Counter({ name: "archreview_github_api_errors_total", help: "GitHub API errors by HTTP status", labelNames: ["status"], registers: [this.registry] });

  constructor(queueStats: () => QueueStats) {
    new Gauge({
      name: "archreview_queue_depth",
      help: "Reviews waiting or running",
      labelNames: ["state"],
      registers: [this.registry],
      collect() {
        const s = queueStats();
        this.set({ state: "waiting" }, s.waiting);
        this.set({ state: "running" }, s.running);
      },
    });
    new Gauge({
      name: "archreview_queue_oldest_age_seconds",
      help: "How long the oldest waiting review has waited",
      registers: [this.registry],
      collect() {
        this.set(queueStats().oldestWaitingMs / 1000);
      },
    });
  }

  review(outcome: ReviewOutcomeLabel, seconds: number): void {
    this.reviews.inc({ outcome });
    this.duration.observe({ outcome }, seconds);
  }

  apiError(status: number | string): void {
    this.apiErrors.inc({ status: String(status) });
  }
}
