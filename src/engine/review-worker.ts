// Worker-thread entry: runs one review engine call and posts back the outcome or the error.
// Started ahead as a standby (worker-limits.ts), it loads the engine first and then waits for its request.
// In the build it runs from a CommonJS bundle started by review-worker-start.ts: no top-level await.
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { useTypeScriptLoader } from "../extract/typescript-loading.js";
import { reviewTrees, type ReviewRequest } from "./review.js";
import { minifiedTypeScriptLoader, prefetchTypeScriptCodeCache, typeScriptCodeCacheLoader, writeDeferredCodeCache } from "./typescript-code-cache.js";
import { prefetchTypeScriptSource } from "./typescript-source.js";
import { afterReview } from "./worker-code-cache.js";
import { serializeError } from "./worker-errors.js";
import type { StandbyWorkerData } from "./worker-limits.js";

type WorkerRequest = Omit<ReviewRequest, "onProgress" | "now">;

function nextRequest(): Promise<WorkerRequest> {
  return new Promise((resolve) => parentPort?.once("message", resolve));
}

/** Code caches left to write (TypeScript's, the worker bundle's) are written once the review is done, so that they hold what it compiled. */
function writeCodeCaches(): void {
  writeDeferredCodeCache();
  afterReview();
}

async function serve(): Promise<void> {
  try {
    // TypeScript's bytes (the build's minified copy when it matches) are read on the thread pool while the trees are listed and the configuration loaded (nothing runs before the configuration is good).
    if (isStandby(workerData)) void prefetchTypeScriptSource(createRequire(import.meta.url));
    // So is its code cache in the review's cache folder (its digest is checked here when TypeScript loads).
    if (isStandby(workerData) && workerData.codeCacheDir !== null) void prefetchTypeScriptCodeCache(workerData.codeCacheDir, createRequire(import.meta.url));
    const request = isStandby(workerData) ? await nextRequest() : (workerData as WorkerRequest);
    // TypeScript still loads only once the configuration is known good: the minified copy, with a cache folder from its code cache.
    // A code cache it has to write waits for the end of the review, so that it holds what the review compiled.
    useTypeScriptLoader(request.cache && "dir" in request.cache ? typeScriptCodeCacheLoader(request.cache.dir, undefined, { deferred: true }) : minifiedTypeScriptLoader());
    const onProgress = (stage: string): void => parentPort?.postMessage({ progress: stage });
    const result = await reviewTrees({ ...request, onProgress });
    writeCodeCaches();
    parentPort?.postMessage({ ok: true, result });
  } catch (error) {
    writeCodeCaches();
    parentPort?.postMessage({ ok: false, error: serializeError(error) });
  }
}

function isStandby(data: unknown): data is StandbyWorkerData {
  return typeof data === "object" && data !== null && "standby" in data && data.standby === true;
}

void serve();
