// What the pipeline reports about a review; the App counts it in Prometheus (github/app/metrics.ts), the Action does not.
import type { PhaseSplit } from "./phases.js";

export type ReviewOutcomeLabel = "reviewed" | "unreviewable" | "superseded";

/** How the two trees were obtained: changed files only (the merge base cached), tarballs, or a local checkout (the Action). */
export type FetchPath = "changed-files" | "tarballs" | "checkout";

export interface ReviewMetrics {
  review(outcome: ReviewOutcomeLabel, seconds: number): void;
  phases(seconds: PhaseSplit): void;
  fetched(path: FetchPath, files: number): void;
}
