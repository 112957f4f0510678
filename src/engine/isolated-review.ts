// Runs the review engine in a worker thread with a time limit and a heap limit: one huge or
// hostile repository ends its own review, never the server or the reviews of others.
import type { ReviewOutcome, ReviewRequest } from "./review.js";
import { runInWorker, startStandbyWorker, type IsolationLimits, type StandbyWorker } from "./worker-limits.js";

export { ReviewLimitExceeded, type IsolationLimits, type StandbyWorker } from "./worker-limits.js";

export const DEFAULT_ISOLATION_LIMITS: IsolationLimits = { timeoutMs: 120_000, maxHeapMb: 2048 };

/** `signal`: aborting it stops the worker at once and rejects with the signal's reason. `onProgress`: the engine's stages (the CLI shows them). */
export function reviewInWorker(
  request: Omit<ReviewRequest, "onProgress" | "now">,
  limits: IsolationLimits = DEFAULT_ISOLATION_LIMITS,
  signal?: AbortSignal,
  onProgress?: (stage: string) => void,
  standby?: StandbyWorker | null,
): Promise<ReviewOutcome> {
  return runInWorker<ReviewOutcome>({
    script: "review-worker.js",
    name: "review worker",
    workerData: request,
    limits,
    timeMessage: `The review took longer than ${Math.round(limits.timeoutMs / 1000)} s (limit ARCHREVIEW_REVIEW_TIMEOUT_SECONDS).`,
    memoryMessage: `The review needed more than ${limits.maxHeapMb} MB of memory (limit ARCHREVIEW_REVIEW_MEMORY_MB).`,
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(standby ? { standby } : {}),
  });
}

/**
 * A review worker started before its request (the CLI, while it reads revisions): pass it to reviewInWorker.
 * `codeCacheDir`: the review's cache folder, where the built worker finds its code cache as it boots.
 */
export function standbyReviewWorker(limits: IsolationLimits = DEFAULT_ISOLATION_LIMITS, codeCacheDir: string | null = null): StandbyWorker {
  return startStandbyWorker("review-worker.js", limits.maxHeapMb, codeCacheDir);
}
