// The App's cheap path: when the merge base's graph is cached, a review needs only what changed.
// Written into the scratch directories: the merge base's support files (from its cached manifest:
// configuration, package.json, tsconfig; unchanged by the PR, so the head's too), the base versions
// of the touched sources, and the head versions of everything the PR adds, modifies or renames.
// The engine takes both file lists from here (engine/listed-trees.ts). Whenever this path cannot
// give what the two tarballs would, it answers "tarballs" and the caller downloads them instead.
import { depcruiseRulesOf } from "../config/depcruise-rules.js";
import type { FileChange } from "../core/model.js";
import type { CacheLocation } from "../engine/graphs.js";
import { configHash, openGraphCache } from "../engine/graphs.js";
import type { GraphCache } from "../engine/graph-cache.js";
import { loadConfigInWorker } from "../engine/isolated-config.js";
import type { ListedTrees } from "../engine/listed-trees.js";
import { diskReader } from "../engine/review.js";
import { isSupportFile, manifestKey, type TreeManifest } from "../engine/tree-manifest.js";
import { inSkippedDir, isSourceFile } from "../extract/files.js";
import { resolveConfigOverride, type ConfigOverride } from "./app-config.js";
import { changedTrees, touchedEntries, type FetchedShas } from "./changed-trees.js";
import type { ComparedFile, Comparison } from "./compare.js";
import { fetchVersion, mapLimited, type FetchedVersion } from "./file-fetch.js";
import type { GitHubClient, RepoRef } from "./publisher.js";
import type { SnapshotLimits } from "./tarball-limits.js";
import { repoPath } from "./tarball-paths.js";
import { writeSnapshotFile } from "./tarball-writer.js";

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
  | { use: "changed-files"; configOverride: ConfigOverride | null; trees: ListedTrees; changes: FileChange[]; fetched: number }
  /** `configOverride`: already resolved (the same base commit), when it was. */
  | { use: "tarballs"; reason: string; configOverride?: ConfigOverride | null };

const tarballs = (reason: string, configOverride?: ConfigOverride | null): ChangedFilesOutcome => ({ use: "tarballs", reason, ...(configOverride !== undefined ? { configOverride } : {}) });

/**
 * Past this many changed files, two tarballs cost less than up to two requests per file (time, and
 * the installation's 5,000 requests an hour).
 */
export const MAX_FETCHED_CHANGES = 100;

/** Why the compared files alone cannot make the head, if they cannot (unsafe paths throw, as in a tarball). */
function refusal(comparison: Comparison, changedFiles: number | undefined): string | null {
  if (!comparison.complete) return "the compare API did not list every changed file";
  const listed = comparison.files.length;
  if (listed > MAX_FETCHED_CHANGES) return `${listed} changed files (fetched one by one past ${MAX_FETCHED_CHANGES})`;
  if (changedFiles !== undefined && changedFiles !== listed) return `the compare API listed ${listed} of the pull request's ${changedFiles} changed files`;
  const paths = comparison.files.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]).map(repoPath);
  const special = paths.find((p) => isSupportFile(p) || inSkippedDir(p));
  return special ? `${special} changed` : null;
}

export async function fetchChangedFiles(request: ChangedFilesRequest): Promise<ChangedFilesOutcome> {
  if (!request.cache) return tarballs("no graph cache");
  const refused = refusal(request.comparison, request.changedFiles);
  if (refused) return tarballs(refused);
  const store = openGraphCache(request.cache);
  try {
    return await fromCachedBase(request, store, request.cache.repository);
  } finally {
    await store.close?.();
  }
}

async function fromCachedBase(request: ChangedFilesRequest, store: GraphCache, repository: string): Promise<ChangedFilesOutcome> {
  const { comparison, dirs } = request;
  const manifest = await store.get<TreeManifest>(manifestKey(repository, comparison.mergeBase));
  if (!manifest) return tarballs("the merge base is not cached");
  if (manifest.unusable) return tarballs(manifest.unusable);
  for (const [file, text] of Object.entries(manifest.support)) {
    writeSnapshotFile(dirs.base, repoPath(file), text);
    writeSnapshotFile(dirs.head, repoPath(file), text);
  }
  const readBase = diskReader(dirs.base);
  const configOverride = await resolveConfigOverride(request.octokit, request.repo, readBase);
  // In a worker: the base's config is the repository's own text, and the main thread serves every installation.
  const { config } = await loadConfigInWorker(readBase, configOverride);
  if (depcruiseRulesOf(config) !== null) return tarballs("dependency-cruiser's forbidden rules judge whole trees", configOverride);
  if (!(await store.has({ repository, sha: comparison.mergeBase, configHash: configHash(config.ignore) }))) return tarballs("the merge base's graph is not cached", configOverride);
  const fetched = await fetchTouched(request, new Set(manifest.files));
  if (typeof fetched === "string") return tarballs(fetched, configOverride);
  const { head, changes } = changedTrees(manifest.files, comparison.files, fetched.shas);
  if (head.length > request.limits.maxFiles) return tarballs("the head has more files than maxFiles", configOverride);
  return { use: "changed-files", configOverride, trees: { base: manifest.files, head }, changes, fetched: fetched.count };
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
