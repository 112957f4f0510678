// The review worker's first file in the build: .ci/build-worker.mjs bundles it beside the worker's
// own CommonJS bundle (review-worker.cjs), which it runs from the review cache folder's V8 code cache
// (worker-code-cache.ts). The folder comes with the worker's data: a standby's (the CLI knows it from
// the command line before the request) or the request's. It lends import() to the bundle (esm-import.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workerData } from "node:worker_threads";
import { ESM_IMPORT_HOOK } from "../extract/esm-import.js";
import { codeCacheDirOf, runBundleCached } from "./worker-code-cache.js";

/** The worker's CommonJS bundle, beside this file in the build. */
const REVIEW_WORKER_BUNDLE = "review-worker.cjs";

(globalThis as { [ESM_IMPORT_HOOK]?: (specifier: string) => Promise<unknown> })[ESM_IMPORT_HOOK] = (specifier) => import(specifier);
runBundleCached(path.join(path.dirname(fileURLToPath(import.meta.url)), REVIEW_WORKER_BUNDLE), codeCacheDirOf(workerData));
