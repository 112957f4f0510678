// The two trees a review compares (its merge base and its head), as the engine gets them, and the
// analysis, which falls back to the full trees once if listed trees turn out not to do (the base
// graph left the cache in between). Where the trees come from is the platform's (platform.ts):
// the App fetches changed files or tarballs (github/trees/api-trees.ts), the Action reads its checkout.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { blameTreeFailure, type ReviewOutcome, type ReviewRequest, type CacheLocation } from "../engine/index.js";
import type { Comparison } from "./comparison.js";
import type { FetchPath } from "./metrics.js";

export interface InputLogger {
  warn(meta: object, message: string): void;
}

/** Where module graphs are cached between reviews (the base of a busy branch is shared by its PRs). */
export interface GraphCacheSettings {
  cacheDir?: string | null;
  /** Cache in Redis instead (several instances share it). */
  redisUrl?: string | null;
}

/** What the analysis gets (the request to the engine without its clock and date), and how it was fetched. */
export interface ReviewInputs {
  request: Omit<ReviewRequest, "onProgress" | "now" | "today">;
  fetch: FetchPath;
  /** Files fetched one by one (changed-files), 0 for whole trees. */
  filesFetched: number;
  /** Why whole trees were needed, when they were. */
  reason: string | null;
}

export function graphCache(settings: GraphCacheSettings, repository: string): CacheLocation | null {
  if (settings.redisUrl) return { redisUrl: settings.redisUrl, repository };
  return settings.cacheDir ? { dir: settings.cacheDir, repository } : null;
}

/** The scratch directories of the merge base's and the head's trees. */
export function sides(scratch: string, comparison: Comparison, headSha: string) {
  return { base: { sha: comparison.mergeBase, dir: path.join(scratch, "base") }, head: { sha: headSha, dir: path.join(scratch, "head") } };
}

export async function emptyDirs(...dirs: string[]): Promise<void> {
  await Promise.all(dirs.map(async (dir) => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  }));
}

/** The analysis of `inputs`; listed trees the engine cannot use are replaced by the full trees, once. */
export async function analyseInputs(
  inputs: ReviewInputs,
  run: (request: ReviewInputs["request"]) => Promise<ReviewOutcome>,
  fallback: () => Promise<ReviewInputs>,
  log: InputLogger,
): Promise<{ outcome: ReviewOutcome; inputs: ReviewInputs }> {
  const judged = (request: ReviewInputs["request"]) =>
    run(request).catch(async (error: unknown) => {
      throw await blameTreeFailure(error, request);
    });
  try {
    return { outcome: await judged(inputs.request), inputs };
  } catch (error) {
    if (inputs.fetch !== "changed-files" || (error as { name?: unknown }).name !== "ListedTreesUnusable") throw error;
    log.warn({ err: error }, "The changed files were not enough for the review: downloading both trees");
    const again = await fallback();
    return { outcome: await judged(again.request), inputs: again };
  }
}
