// The two trees a pull request review compares (its merge base and its head), in its scratch
// directories: only the changed files when the merge base's graph is cached (changed-files.ts),
// else both tarballs. Then the analysis, which falls back to the tarballs once if the listed
// trees turn out not to do (the base graph left the cache in between). Failures the head tree
// alone causes become PullRequestCaused here (head-snapshot.ts, engine/failure-origin.ts).
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { diskReader, blameTreeFailure, type ReviewOutcome, type ReviewRequest, type CacheLocation } from "../engine/index.js";
import { resolveConfigOverride, type ConfigOverride } from "../github/trees/app-config.js";
import { fetchChangedFiles } from "../github/trees/changed-files.js";
import { blameHeadSnapshot } from "./head-snapshot.js";
import type { Comparison } from "../github/trees/compare.js";
import type { FetchPath } from "../github/app/metrics.js";
import { policyOf, type GitHubClient, type RepoRef } from "../github/api/client.js";
import { downloadSnapshot } from "../github/trees/snapshot-download.js";
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from "../archive/limits.js";

export interface InputLogger {
  warn(meta: object, message: string): void;
}

export interface InputDeps {
  octokit: GitHubClient;
  log: InputLogger;
  limits?: SnapshotLimits;
  /** Module graphs cached between reviews (the base of a busy branch is shared by its PRs). */
  cacheDir?: string | null;
  /** Cache in Redis instead (several instances share it). */
  redisUrl?: string | null;
}

export interface PullRequestRef {
  repo: RepoRef;
  number: number;
  headSha: string;
  changedFiles?: number;
}

/** What the analysis gets (the request to the engine without its clock and date), and how it was fetched. */
export interface ReviewInputs {
  request: Omit<ReviewRequest, "onProgress" | "now" | "today">;
  fetch: FetchPath;
  /** Files fetched one by one (changed-files), 0 for tarballs. */
  filesFetched: number;
  /** Why the tarballs were needed, when they were. */
  reason: string | null;
}

export function graphCache(deps: InputDeps, repository: string): CacheLocation | null {
  if (deps.redisUrl) return { redisUrl: deps.redisUrl, repository };
  return deps.cacheDir ? { dir: deps.cacheDir, repository } : null;
}

/** Head path -> previous path for the files GitHub reports as renamed (it lists at most 3,000 files). */
async function prRenames(octokit: GitHubClient, pr: PullRequestRef): Promise<Map<string, string>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...pr.repo, pull_number: pr.number, per_page: 100 });
  return new Map(files.filter((f) => f.status === "renamed" && f.previous_filename).map((f) => [f.filename, f.previous_filename as string]));
}

function sides(scratch: string, comparison: Comparison, pr: PullRequestRef) {
  return { base: { sha: comparison.mergeBase, dir: path.join(scratch, "base") }, head: { sha: pr.headSha, dir: path.join(scratch, "head") } };
}

async function emptyDirs(...dirs: string[]): Promise<void> {
  await Promise.all(dirs.map(async (dir) => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  }));
}

export async function gatherInputs(pr: PullRequestRef, comparison: Comparison, scratch: string, deps: InputDeps, signal?: AbortSignal): Promise<ReviewInputs> {
  const { base, head } = sides(scratch, comparison, pr);
  await emptyDirs(base.dir, head.dir);
  const cache = graphCache(deps, `${pr.repo.owner}/${pr.repo.repo}`);
  const limits = deps.limits ?? DEFAULT_SNAPSHOT_LIMITS;
  const dirs = { base: base.dir, head: head.dir };
  const known = { ...(pr.changedFiles !== undefined ? { changedFiles: pr.changedFiles } : {}), ...(signal ? { signal } : {}) };
  const outcome = await fetchChangedFiles({ octokit: deps.octokit, repo: pr.repo, comparison, headSha: pr.headSha, dirs, cache, limits, ...known });
  if (outcome.use === "tarballs") return downloadTrees(pr, comparison, scratch, deps, outcome.reason, outcome.configOverride);
  const { configOverride, loaded, trees, changes, fetched } = outcome;
  return { request: { base, head, configOverride, loadedConfig: loaded, trees, changes, cache: cache && { ...cache, manifests: true } }, fetch: "changed-files", filesFetched: fetched, reason: null };
}

/** Both trees from their tarballs, into emptied directories. `configOverride`: when already resolved for this merge base. */
export async function downloadTrees(pr: PullRequestRef, comparison: Comparison, scratch: string, deps: InputDeps, reason: string, configOverride?: ConfigOverride | null): Promise<ReviewInputs> {
  const { base, head } = sides(scratch, comparison, pr);
  await emptyDirs(base.dir, head.dir);
  const policy = policyOf(deps.octokit);
  await downloadSnapshot(deps.octokit, { ...pr.repo, sha: base.sha }, base.dir, deps.limits, policy, deps.log);
  // Base first: a head refused after the base was accepted is what the pull request added.
  await downloadSnapshot(deps.octokit, { ...pr.repo, sha: head.sha }, head.dir, deps.limits, policy, deps.log).catch((error: unknown) => {
    throw blameHeadSnapshot(error);
  });
  const override = configOverride !== undefined ? configOverride : await resolveConfigOverride(deps.octokit, pr.repo, diskReader(base.dir));
  const renames = await prRenames(deps.octokit, pr);
  const cache = graphCache(deps, `${pr.repo.owner}/${pr.repo.repo}`);
  return { request: { base, head, renames, configOverride: override, cache: cache && { ...cache, manifests: true } }, fetch: "tarballs", filesFetched: 0, reason };
}

/** The analysis of `inputs`; listed trees the engine cannot use are replaced by the tarballs, once. */
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
