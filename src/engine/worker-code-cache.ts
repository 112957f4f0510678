// The review worker's own code from a V8 code cache: `npm run build` bundles the worker as one
// CommonJS file (.ci/build-worker.mjs), which review-worker-start.ts compiles with vm.Script and the
// cached data found in the review's cache folder. Node 20 has no module.enableCompileCache, and an
// ES module cannot be given cached data; V8 then deserializes the ~1.1 MB bundle, including the
// functions a review compiled, instead of parsing and compiling them lazily on every review.
// Keyed by the bundle's SHA-256 (V8 checks only a source's length), Node's version and V8's flag tag.
import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Module } from "node:module";
import path from "node:path";
import { cachedDataVersionTag } from "node:v8";
import vm from "node:vm";
import { readCodeCache, runAsCommonJs, writeCodeCache } from "./code-cache-file.js";
import type { CodeCacheUse } from "./typescript-code-cache.js";

/** The bundle's code cache files in a folder: writing one removes the others (older builds, other Nodes). */
const BUNDLE_CACHES = /^review-worker-[0-9a-f]+\.v8cache$/;

/** The hook the bundle calls when its review is done (review-worker.ts): a cache that was missing or refused is written then. */
export const AFTER_REVIEW_HOOK = Symbol.for("archreview.after-review");

/** The cache file's name for this bundle text under this Node: one per key. */
export function bundleCodeCacheName(bundle: Buffer): string {
  const id = createHash("sha256").update(JSON.stringify([process.version, cachedDataVersionTag()])).update(bundle).digest("hex");
  return `review-worker-${id.slice(0, 32)}.v8cache`;
}

/**
 * Runs the CommonJS bundle `file` as Module._compile would (its own require, module, __filename),
 * compiled with `dir`'s code cache when there is one for it. Without a folder (--no-cache, the App's
 * Redis cache) it compiles plainly. A cache that was absent or refused is written once the review
 * calls afterReview(), so that it holds what the review compiled. `codeCache`: null without a folder.
 */
export function runBundleCached(file: string, dir: string | null): { exports: unknown; codeCache: CodeCacheUse | null } {
  const text = readFileSync(file);
  const name = dir === null ? null : bundleCodeCacheName(text);
  const cachedData = dir !== null && name !== null ? readCodeCache(path.join(dir, name)) : null;
  const script = new vm.Script(Module.wrap(isAscii(text) ? text.toString("latin1") : text.toString("utf8")), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const codeCache: CodeCacheUse | null = dir === null ? null : cachedData === null ? "absent" : script.cachedDataRejected === true ? "rejected" : "accepted";
  if (dir !== null && name !== null && codeCache !== "accepted") {
    (globalThis as { [AFTER_REVIEW_HOOK]?: () => void })[AFTER_REVIEW_HOOK] = () => writeCodeCache(dir, name, script.createCachedData(), BUNDLE_CACHES);
  }
  return { exports: runAsCommonJs(script, file).exports, codeCache };
}

/** Called by the bundle once its review is done (and its reply is ready): writes a pending code cache, once. */
export function afterReview(): void {
  const hooks = globalThis as { [AFTER_REVIEW_HOOK]?: () => void };
  const hook = hooks[AFTER_REVIEW_HOOK];
  delete hooks[AFTER_REVIEW_HOOK];
  try {
    hook?.();
  } catch {
    // The cache is an optimisation: the next review compiles without it and tries again.
  }
}

/** The code cache folder named by a worker's data: a standby's `codeCacheDir`, or the request's cache folder; null for none. */
export function codeCacheDirOf(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  if ("codeCacheDir" in data) return typeof data.codeCacheDir === "string" ? data.codeCacheDir : null;
  const cache = "cache" in data ? data.cache : null;
  return typeof cache === "object" && cache !== null && "dir" in cache && typeof cache.dir === "string" ? cache.dir : null;
}
