// The App's cheap path: when the merge base's graph is cached, a review needs only what changed.
// Written into the scratch directories: the merge base's support files (from its cached manifest:
// configuration, package.json, tsconfig; unchanged by the PR, so the head's too), the base versions
// of the touched sources, and the head versions of everything the PR adds, modifies or renames.
// Whether this path can give what the two tarballs would is the engine's decision (planPartialReview);
// when it cannot, this answers "tarballs" and the caller downloads them instead.
import type { FileChange } from "../../core/model.js";
import { planPartialReview, type CacheLocation, type ListedTrees, type LoadedConfig } from "../../engine/index.js";
import { isSourceFile } from "../../extract/files.js";
import { resolveConfigOverride, type ConfigOverride } from "./app-config.js";
import { changedTrees, touchedEntries, type FetchedShas } from "./changed-trees.js";
import type { ComparedFile, Comparison } from "../../pipeline/comparison.js";
import { fetchVersion, mapLimited, type FetchedVersion } from "../api/file-fetch.js";
import type { GitHubClient, RepoRef } from "../api/client.js";
import type { SnapshotLimits } from "../../archive/limits.js";
import { repoPath } from "../../archive/paths.js";
import { writeSnapshotFile } from "../../archive/writer.js";

/** Files fetched at once: modest, the installation's rate limits are shared by every review. */
const FETCH_CONCURRENCY = 8;

export interface ChangedFilesRequest {
  octokit: GitHubClient;
  repo: RepoRef;
  comparison: Comparison;
  headSha: string;
  dirs: { base: string; head: string };
  cache: CacheLocation | null;
  limits: SnapshotLimits;
  /** How many files the pull request says it changes, when it says: the compared list must have as many. */
  changedFiles?: number;
  signal?: AbortSignal;
}

export type ChangedFilesOutcome =
  /** `loaded`: the configuration the plan read (the review reuses it rather than parsing it again). */
  | { use: "changed-files"; configOverride: ConfigOverride | null; loaded: LoadedConfig; trees: ListedTrees; changes: FileChange[]; fetched: number }
  /** `configOverride`: already resolved (the same base commit), when it was. */
  | { use: "tarballs"; reason: string; configOverride?: ConfigOverride | null };

const tarballs = (reason: string, configOverride?: ConfigOverride | null): ChangedFilesOutcome => ({ use: "tarballs", reason, ...(configOverride !== undefined ? { configOverride } : {}) });

/**
 * Past this many changed files, two tarballs cost less than up to two requests per file (time, and
 * the installation's 5,000 requests an hour).
 */
export const MAX_FETCHED_CHANGES = 100;

/** Why the compared list alone cannot make the head, if it cannot; else its paths (unsafe ones throw, as in a tarball). */
function comparedPaths(comparison: Comparison, changedFiles: number | undefined): string[] | string {
  if (!comparison.complete) return "the compare API did not list every changed file";
  const listed = comparison.files.length;
  if (listed > MAX_FETCHED_CHANGES) return `${listed} changed files (fetched one by one past ${MAX_FETCHED_CHANGES})`;
  if (changedFiles !== undefined && changedFiles !== listed) return `the compare API listed ${listed} of the pull request's ${changedFiles} changed files`;
  return comparison.files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]).map(repoPath);
}

/** The engine decides (engine/partial-review.ts); this shell only fetches what the plan needs. */
export async function fetchChangedFiles(request: ChangedFilesRequest): Promise<ChangedFilesOutcome> {
  if (!request.cache) return tarballs("no graph cache");
  const paths = comparedPaths(request.comparison, request.changedFiles);
  if (typeof paths === "string") return tarballs(paths);
  const { comparison, dirs } = request;
  const resolveOverride = (readBase: (file: string) => Promise<string | null>) => resolveConfigOverride(request.octokit, request.repo, readBase);
  const plan = await planPartialReview({ cache: request.cache, mergeBase: comparison.mergeBase, changedPaths: paths, resolveOverride });
  if (plan.use === "tarballs") return plan;
  const { configOverride, loaded } = plan;
  for (const [file, text] of Object.entries(plan.support)) {
    writeSnapshotFile(dirs.base, repoPath(file), text);
    writeSnapshotFile(dirs.head, repoPath(file), text);
  }
  const fetched = await fetchTouched(request, new Set(plan.baseFiles));
  if (typeof fetched === "string") return tarballs(fetched, configOverride);
  const { head, changes } = changedTrees(plan.baseFiles, comparison.files, fetched.shas);
  if (head.length > request.limits.maxFiles) return tarballs("the head has more files than maxFiles", configOverride);
  return { use: "changed-files", configOverride, loaded, trees: { base: plan.baseFiles, head }, changes, fetched: fetched.count };
}

interface Job {
  side: "base" | "head";
  file: string;
  /** The head blob the compare API named (a symlink is served as its target's blob). */
  expected?: string | null;
}

function jobsFor(files: ComparedFile[], before: Set<string>): Job[] {
  const touched = touchedEntries(files);
  // Base versions only for the sources whose facts (lines, complexity) are compared.
  const previous = new Set(touched.flatMap((f) => [f.filename, f.previous_filename ?? ""]).filter((p) => before.has(p) && isSourceFile(p)));
  return [...touched.map((f): Job => ({ side: "head", file: f.filename, expected: f.sha })), ...[...previous].map((file): Job => ({ side: "base", file }))];
}

/** Fetches and writes the touched files' versions; a string says why the tarballs are needed after all. */
async function fetchTouched(request: ChangedFilesRequest, before: Set<string>): Promise<{ shas: FetchedShas; count: number } | string> {
  const { octokit, repo, comparison, limits } = request;
  const jobs = jobsFor(comparison.files, before);
  const refs = { base: comparison.mergeBase, head: request.headSha };
  const versions = await mapLimited(jobs, FETCH_CONCURRENCY, (job) => fetchVersion(octokit, repo, refs[job.side], job.file, limits.maxFileBytes), request.signal);
  const odd = jobs.find((job, i) => !usable(job, versions[i] as FetchedVersion));
  if (odd) return `${odd.file} is not a regular file at ${odd.side}`;
  const bytes = versions.reduce((sum, v) => sum + (v.kind === "file" && v.content ? v.content.length : 0), 0);
  if (bytes > limits.maxTotalBytes) return "the changed files are larger than maxTotalBytes";
  const shas: FetchedShas = { head: new Map(), base: new Map() };
  jobs.forEach((job, i) => {
    const version = versions[i] as FetchedVersion;
    const listed = version.kind === "file" && version.content !== null ? version : null;
    if (listed) writeSnapshotFile(request.dirs[job.side], job.file, listed.content as Buffer);
    if (job.side === "head") shas.head.set(job.file, listed?.sha ?? null);
    else if (listed) shas.base.set(job.file, listed.sha);
  });
  return { shas, count: jobs.length };
}

/**
 * A head file whose blob is the one compared (else it is a symlink, served as its target), or a
 * head submodule (no file, as in a tarball); a base file the cached listing has, so one not too large.
 */
function usable(job: Job, version: FetchedVersion): boolean {
  if (version.kind === "submodule") return job.side === "head";
  if (version.kind !== "file") return false;
  if (job.side === "base") return version.content !== null;
  return job.expected !== null && job.expected !== undefined && version.sha === job.expected;
}
