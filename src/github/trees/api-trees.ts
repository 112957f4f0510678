// The App's trees, from GitHub's API: only the changed files when the merge base's graph is cached
// (changed-files.ts), else both tarballs. Failures the head tree alone causes become
// PullRequestCaused (pipeline/head-snapshot.ts, engine/failure-origin.ts).
import { diskReader } from "../../engine/index.js";
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from "../../archive/limits.js";
import type { Comparison } from "../../pipeline/comparison.js";
import { blameHeadSnapshot } from "../../pipeline/head-snapshot.js";
import type { TreeSource } from "../../pipeline/platform.js";
import { emptyDirs, graphCache, sides, type GraphCacheSettings, type InputLogger, type ReviewInputs } from "../../pipeline/review-inputs.js";
import { policyOf, type GitHubClient, type RepoRef } from "../api/client.js";
import { resolveConfigOverride, type ConfigOverride } from "./app-config.js";
import { fetchChangedFiles } from "./changed-files.js";
import { compareWithBase } from "./compare.js";
import { downloadSnapshot } from "./snapshot-download.js";

export interface ApiTreeDeps extends GraphCacheSettings {
  octokit: GitHubClient;
  log: InputLogger;
  limits?: SnapshotLimits;
}

export interface PullRequestRef {
  repo: RepoRef;
  number: number;
  headSha: string;
  changedFiles?: number;
}

/** Head path -> previous path for the files GitHub reports as renamed (it lists at most 3,000 files). */
async function prRenames(octokit: GitHubClient, pr: PullRequestRef): Promise<Map<string, string>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...pr.repo, pull_number: pr.number, per_page: 100 });
  return new Map(files.filter((f) => f.status === "renamed" && f.previous_filename).map((f) => [f.filename, f.previous_filename as string]));
}

export async function gatherInputs(pr: PullRequestRef, comparison: Comparison, scratch: string, deps: ApiTreeDeps, signal?: AbortSignal): Promise<ReviewInputs> {
  const { base, head } = sides(scratch, comparison, pr.headSha);
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
export async function downloadTrees(pr: PullRequestRef, comparison: Comparison, scratch: string, deps: ApiTreeDeps, reason: string, configOverride?: ConfigOverride | null): Promise<ReviewInputs> {
  const { base, head } = sides(scratch, comparison, pr.headSha);
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

/** The pull request's trees through GitHub's API (compare, contents, tarballs). */
export function apiTrees(pr: PullRequestRef, deps: ApiTreeDeps): TreeSource {
  return {
    compare: (baseSha, headSha) => compareWithBase(deps.octokit, pr.repo, baseSha, headSha),
    gather: (comparison, scratch, signal) => gatherInputs(pr, comparison, scratch, deps, signal),
    full: (comparison, scratch, reason, configOverride) => downloadTrees(pr, comparison, scratch, deps, reason, configOverride),
  };
}
