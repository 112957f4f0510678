// What every isolated worker (review, configuration) shares: its limits, the typed error for a
// limit reached, and one way to run a worker script under them. Apart from isolated-review.ts so
// that isolated-config.ts needs no import of it (no cycle through the review's worker).
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { deserializeError, type SerializedError } from "./worker-errors.js";

export interface IsolationLimits {
  timeoutMs: number;
  maxHeapMb: number;
}

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

/** The folder `npm run build` bundles the review worker into (.ci/build-worker.mjs), next to the compiled workers. */
export const WORKER_BUNDLE_DIR = "worker-bundle";

/** The worker `name` to start, from the compiled workers next to this module; from TypeScript sources (tests), the build's. */
export function workerScript(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return bundledOrCompiled(existsSync(path.join(here, name)) ? here : path.resolve(here, "../../dist/engine"), name);
}

/**
 * `dir/worker-bundle/name` when it is there and was built no earlier than the compiled `dir/name`,
 * else `dir/name`: a `tsc` alone rewrites the compiled workers and leaves an older bundle, never started then.
 */
export function bundledOrCompiled(dir: string, name: string): string {
  const compiled = path.join(dir, name);
  const bundled = statSync(path.join(dir, WORKER_BUNDLE_DIR, name), { throwIfNoEntry: false });
  const compiledAt = statSync(compiled, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return bundled !== undefined && bundled.mtimeMs >= compiledAt ? path.join(dir, WORKER_BUNDLE_DIR, name) : compiled;
}

/** A worker's last word: its result or its error; other messages are progress. */
export type WorkerReply<R> = { ok: true; result: R } | { ok: false; error: SerializedError } | { progress: string };

export interface WorkerRun {
  /** The worker's file name, next to this module (e.g. "review-worker.js"). */
  script: string;
  /** What the worker is called in an unexpected exit's message ("review worker"). */
  name: string;
  workerData: unknown;
  limits: IsolationLimits;
  /** The messages of the limit errors, in the user's terms. */
  timeMessage: string;
  memoryMessage: string;
  signal?: AbortSignal;
  onProgress?: (stage: string) => void;
  /** A worker started ahead (startStandbyWorker) that takes this run if it is the same script under the same heap cap. */
  standby?: StandbyWorker | null;
}

/**
 * A worker started before its work is known, so that it boots and loads its modules while the caller
 * still prepares the request (the CLI's git reads). The worker script waits for the request as its
 * first message (review-worker.ts). Unreferenced until taken: it never keeps the process alive.
 */
export interface StandbyWorker {
  /** The worker, once, if it is alive, runs `script` and has the heap cap `maxHeapMb`; otherwise null (then it is stopped). */
  take(script: string, maxHeapMb: number): Worker | null;
}

const YOUNG_GENERATION_MB = 8;

/**
 * The heap cap (--max-memory, ARCHREVIEW_REVIEW_MEMORY_MB) is the old generation's. The young one is
 * capped at 8 MB: on a warm review of typeorm, 16 MB (the first cap) cut the worker's peak RSS by about 12 MB
 * against V8's default, and 8 MB another 6-8 MB with 15-30 ms less time (14 alternating runs; cold unchanged).
 */
export function resourceLimitsOf(maxHeapMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
}

/** A standby's data: no request yet; where the review will cache (the worker bundle's code cache is read from there as it boots), if anywhere. */
export interface StandbyWorkerData {
  standby: true;
  codeCacheDir: string | null;
}

export function startStandbyWorker(script: string, maxHeapMb: number, codeCacheDir: string | null = null): StandbyWorker {
  const workerData: StandbyWorkerData = { standby: true, codeCacheDir };
  const worker = new Worker(workerScript(script), { workerData, resourceLimits: resourceLimitsOf(maxHeapMb) });
  worker.unref();
  let usable = true;
  // A standby that failed while loading is not used: a fresh worker then meets the same failure through runInWorker's own paths.
  worker.once("error", () => (usable = false));
  worker.once("exit", () => (usable = false));
  return {
    take(wanted, wantedHeapMb) {
      const fits = usable && wanted === script && wantedHeapMb === maxHeapMb;
      usable = false;
      if (!fits) void worker.terminate();
      return fits ? worker : null;
    },
  };
}

/** The standby worker for `run`, handed its request, or a new worker started with it. */
function workerFor(run: WorkerRun): Worker {
  const standby = run.standby?.take(run.script, run.limits.maxHeapMb) ?? null;
  if (standby === null) return new Worker(workerScript(run.script), { workerData: run.workerData, resourceLimits: resourceLimitsOf(run.limits.maxHeapMb) });
  standby.ref();
  standby.postMessage(run.workerData);
  return standby;
}

/**
 * Runs `script` in a worker thread with a heap cap and a time limit; the first of its reply, its
 * error, its exit, the timer or `signal` settles the promise, and the worker is then terminated.
 */
export function runInWorker<R>(run: WorkerRun): Promise<R> {
  const { limits, signal } = run;
  return new Promise<R>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = workerFor(run);
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new ReviewLimitExceeded("time", run.timeMessage))), limits.timeoutMs);
    worker.on("message", (reply: WorkerReply<R>) => {
      if ("progress" in reply) return void run.onProgress?.(reply.progress);
      settle(() => (reply.ok ? resolve(reply.result) : reject(deserializeError(reply.error))));
    });
    worker.once("error", (error: Error & { code?: string }) =>
      settle(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new ReviewLimitExceeded("memory", run.memoryMessage) : error)),
    );
    worker.once("exit", (code) => settle(() => reject(new Error(`${run.name} exited with code ${code}`))));
    signal?.addEventListener("abort", () => settle(() => reject(signal.reason)), { once: true });
  });
}
