// Worker-thread entry: runs one review engine call and posts back the outcome or the error.
import { parentPort, workerData } from "node:worker_threads";
import { reviewTrees, type ReviewRequest } from "./review.js";
import { serializeError } from "./worker-errors.js";

const request = workerData as Omit<ReviewRequest, "onProgress" | "now">;
try {
  const onProgress = (stage: string): void => parentPort?.postMessage({ progress: stage });
  parentPort?.postMessage({ ok: true, result: await reviewTrees({ ...request, onProgress }) });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: serializeError(error) });
}
