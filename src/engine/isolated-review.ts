// Runs the review engine in a worker thread with a time limit and a heap limit: one huge or
// hostile repository ends its own review, never the server or the reviews of others.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReviewOutcome, ReviewRequest } from "./review.js";
import { deserializeError, type SerializedError } from "./worker-errors.js";

export interface IsolationLimits {
  timeoutMs: number;
  maxHeapMb: number;
}

export const DEFAULT_ISOLATION_LIMITS: IsolationLimits = { timeoutMs: 120_000, maxHeapMb: 2048 };

/** The review ran out of time or memory: a limit the operator can raise, not a bug. */
export class ReviewLimitExceeded extends Error {
  constructor(
    readonly limit: "time" | "memory",
    message: string,
  ) {
    super(message);
    this.name = "ReviewLimitExceeded";
  }
}

/** The compiled worker next to this module; from TypeScript sources (tests), the build's copy. */
function workerScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sibling = path.join(here, "review-worker.js");
  if (existsSync(sibling)) return sibling;
  return path.resolve(here, "../../dist/engine/review-worker.js");
}

type WorkerReply = { ok: true; outcome: ReviewOutcome } | { ok: false; error: SerializedError } | { progress: string };

/** `signal`: aborting it stops the worker at once and rejects with the signal's reason. `onProgress`: the engine's stages (the CLI shows them). */
export function reviewInWorker(
  request: Omit<ReviewRequest, "onProgress" | "now">,
  limits: IsolationLimits = DEFAULT_ISOLATION_LIMITS,
  signal?: AbortSignal,
  onProgress?: (stage: string) => void,
): Promise<ReviewOutcome> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(workerScript(), { workerData: request, resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb } });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new ReviewLimitExceeded("time", `The review took longer than ${Math.round(limits.timeoutMs / 1000)} s (limit ARCHREVIEW_REVIEW_TIMEOUT_SECONDS).`))),
      limits.timeoutMs,
    );
    worker.on("message", (reply: WorkerReply) => {
      if ("progress" in reply) return void onProgress?.(reply.progress);
      settle(() => (reply.ok ? resolve(reply.outcome) : reject(deserializeError(reply.error))));
    });
    worker.once("error", (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new ReviewLimitExceeded("memory", `The review needed more than ${limits.maxHeapMb} MB of memory (limit ARCHREVIEW_REVIEW_MEMORY_MB).`)
            : error,
        ),
      ),
    );
    worker.once("exit", (code) => settle(() => reject(new Error(`review worker exited with code ${code}`))));
    signal?.addEventListener("abort", () => settle(() => reject(signal.reason)), { once: true });
  });
}
