// The review engine: two trees on disk + what changed -> a Review. Shared by the CLI and the App.
import path from "node:path";
import { depcruiseRulesOf } from "../config/depcruise-rules.js";
import type { Config } from "../config/types.js";
import type { AdrFacts, BoundaryChange, BoundaryMetrics, FileChange, LineHunk, Review } from "../core/model.js";
import { planAdr } from "../core/adr-plan.js";
import { adrTitle, slugify } from "../core/adr-title.js";
import { changesForAdr } from "../core/boundary-changes.js";
import { generatedFiles } from "../core/generated.js";
import { DEFAULT_GENERATED } from "../config/defaults.js";
import { reviewChange } from "../core/review.js";
import type { TreeFiles } from "../extract/graph-index.js";
import type { WalkedTree } from "../extract/snapshot.js";
import { refusalText, type TreeFileRefusal } from "../extract/tree-file.js";
import type { GitProcesses } from "../extract/git-objects.js";
import { directoryTree, type TreeSource } from "../extract/tree-source.js";
import type { GraphCache } from "./graph-cache.js";
import { configHash, graphIndexes, openGraphCache, type CacheLocation, type ReviewGraphs } from "./graphs.js";
import { checkListedReview, fillPlaceholders, type ListedTrees } from "./listed-trees.js";
import type { ManifestSide } from "./tree-manifest.js";
import { loadConfig, type LoadedConfig, type TreeReader } from "./config.js";
import { changesBetweenTrees } from "./tree-diff.js";
import { touchedChanges } from "./touched-changes.js";
import { openTrees, readerOf, type OpenTrees, type ReviewedSide } from "./tree-sources.js";

/** A tree on disk, or (with `git`) a tree of git objects named `dir` (tree-sources.ts). */
export type TreeOnDisk = ReviewedSide;

export interface ReviewRequest {
  base: TreeOnDisk;
  head: TreeOnDisk;
  /** Runs git for trees read from git objects; injectable in this thread only (tests). */
  gitProcesses?: GitProcesses;
  /** What changed; computed from the two trees (content hashes) when the source has no git history. */
  changes?: FileChange[];
  /** Head path -> base path renames the source knows of (GitHub's PR file list), for computed changes. */
  renames?: Map<string, string>;
  /** Replaces the base's .github/archreview.yml (CLI --config). */
  configOverride?: { file: string; text: string } | null;
  /** The configuration already loaded for these trees (the App's partial-review plan): not parsed again. */
  loadedConfig?: LoadedConfig | null;
  /** YYYY-MM-DD, for the ADR stub. */
  today: string;
  onProgress?: (stage: string) => void;
  /** Monotonic milliseconds, injectable for tests. */
  now?: () => number;
  /**
   * Where module graphs are cached between reviews (base graphs are shared by every PR): a directory, or Redis.
   * `manifests`: also cache each tree's manifest (tree-manifest.ts), for later reviews from listed trees.
   */
  cache?: (CacheLocation & { manifests?: boolean }) | null;
  /**
   * The trees' complete file lists when their directories hold only part of them (listed-trees.ts):
   * the base's support files and the touched files' versions. Needs `changes` and the base graph cached.
   */
  trees?: ListedTrees | null;
}

/**
 * Reads repo-relative files of a tree on disk as regular files inside it (tree-file.ts): a link out
 * of the tree, a device or FIFO rejects with a TreeFileRefusedError; a name that leaves it, or an
 * unreadable file, reads as missing.
 */
export function diskReader(dir: string): TreeReader {
  return readerOf(directoryTree(path.resolve(dir)));
}

export interface ReviewOutcome {
  /** `review.adr` is null here: the shells write the stub from `adr` (report/adr.ts withAdrStub). */
  review: Review;
  /** The configuration that judged the change (the base's, or the override). */
  config: Config;
  /** The facts of the ADR stub this change calls for; null when it calls for none. */
  adr: AdrFacts | null;
  /** Where the engine's time went (not part of the review: outputs stay byte-identical). graphMs: listing the trees and building or loading both graphs. */
  timings?: { graphMs: number };
}

export async function reviewTrees(request: ReviewRequest): Promise<ReviewOutcome> {
  const sources = await openTrees(request, request.gitProcesses);
  try {
    return await reviewSources(request, sources);
  } finally {
    await sources.close();
  }
}

async function reviewSources(request: ReviewRequest, sources: OpenTrees): Promise<ReviewOutcome> {
  const now = request.now ?? (() => performance.now());
  const started = now();
  const progress = request.onProgress ?? (() => undefined);
  const loaded = request.loadedConfig ?? (await loadConfig({ base: readerOf(sources.base), head: readerOf(sources.head), override: request.configOverride ?? null }));
  const { ignore } = loaded.config;
  const rules = depcruiseRulesOf(loaded.config);
  const graphStarted = now();
  // The extractors (TypeScript, the resolver, dependency-cruiser on demand) load once the configuration is known good.
  const { factsOf, forbiddenViolationsOf, listTree, toSnapshot, treeOf } = await import("../extract/snapshot.js");
  const listed = request.trees ?? null;
  const changes = listed ? checkListedReview(request.changes, rules !== null) : request.changes;
  const [baseTree, headTree] = listed
    ? [treeOf(listed.base, ignore), treeOf(listed.head, ignore)]
    : await Promise.all([listTree(sources.base, ignore), listTree(sources.head, ignore)]);
  const { graphs, changes: compared } = await buildGraphs(request, sources, { base: baseTree, head: headTree }, changes, ignore);
  const graphMs = Math.round(now() - graphStarted);
  progress("comparing");
  const touched = compared.filter((c) => c.kind !== "deleted");
  const previous = new Map(touched.map((c) => [c.path, c.previousPath ?? c.path]));
  const [baseFacts, headFacts] = await Promise.all([
    factsOf(sources.base, new Set(graphs.base.modules), [...previous.values()]),
    factsOf(sources.head, new Set(graphs.head.modules), [...previous.keys()]),
  ]);
  if (rules !== null) progress("applying dependency-cruiser's forbidden rules");
  const [baseForbidden, headForbidden] = await Promise.all([
    forbiddenViolationsOf(onDisk(sources.base, rules !== null), baseTree, rules, graphs.base),
    forbiddenViolationsOf(onDisk(sources.head, rules !== null), headTree, rules, graphs.head),
  ]);
  const { hunks, generated } = await sizeScope(sources, touched, new Set(graphs.head.modules), loaded.config);
  const base = toSnapshot(request.base.sha, graphs.base, baseFacts, baseForbidden);
  const head = toSnapshot(request.head.sha, graphs.head, headFacts, headForbidden);
  const review = reviewChange({
    base,
    head,
    changes: compared,
    config: loaded.config,
    headBoundaryNames: loaded.headBoundaryNames,
    configChangedFile: loaded.configChangedFile,
    notices: loaded.notices,
    hunks,
    generated,
  });
  review.stats.filesParsed = graphs.filesRead;
  review.notices.push(...refusedEntryNotices(review.notices, refusedOf(baseTree), refusedOf(headTree)));
  if (graphs.head.modules.length === 0 && graphs.base.modules.length === 0) {
    review.notices.push("No JavaScript or TypeScript modules in this repository (after `ignore`): there is nothing for archreview to analyse.");
  }
  const decisions = changesForAdr(review.boundaryChanges, review.newViolations);
  const adr = loaded.config.adr.enabled && decisions.length > 0 ? await adrFacts(review, decisions, loaded, { request, head: sources.head }, graphs.head.files) : null;
  review.stats.ms = Math.round(now() - started);
  return { review, config: loaded.config, adr, timings: { graphMs } };
}

/** What size findings may look at: the touched lines of each file, and which touched files are generated (left out). */
async function sizeScope(sources: OpenTrees, touched: FileChange[], headModules: Set<string>, config: Config): Promise<{ hunks: Record<string, LineHunk[]>; generated: string[] }> {
  // A file no reader may read (a link out of the tree...) has no lines to judge; the listing's notice names it.
  const orNull = (read: TreeReader): TreeReader => (file) => read(file).catch(() => null);
  const read = { base: orNull(readerOf(sources.base)), head: orNull(readerOf(sources.head)) };
  const changed = await touchedChanges(read, touched, headModules);
  const generated = generatedFiles({
    files: touched.map((c) => c.path).filter((f) => headModules.has(f)),
    // Read at base: a PR cannot mark its own files generated to keep them out of review.
    gitattributes: await read.base(".gitattributes"),
    headerMarked: changed.headerMarked,
    config: config.generated ?? DEFAULT_GENERATED,
  });
  return { hunks: changed.hunks, generated };
}

/** A notice per entry of either tree that no reader reads (links out of the tree, devices...), unless already given. */
function refusedEntryNotices(given: string[], base: TreeFileRefusal[], head: TreeFileRefusal[]): string[] {
  const atHead = new Set(head.map((r) => r.path));
  const sides: [string, TreeFileRefusal[]][] = [["At head", head], ["At base", base.filter((r) => !atHead.has(r.path))]];
  const notices = sides.flatMap(([side, refused]) => refused.map((r) => ({ text: refusalText(r), side })));
  return notices.filter((n) => !given.some((g) => g.includes(n.text))).map((n) => `${n.side}: ${n.text}`);
}

/** Listed trees (the App's) were not walked: they come from archives that hold no links. */
const refusedOf = (tree: TreeFiles | WalkedTree): TreeFileRefusal[] => ("refused" in tree ? tree.refused : []);

type Trees = { base: TreeFiles | WalkedTree; head: TreeFiles | WalkedTree };

/** The change list (computed when not given) and both graphs, through the cache when there is one. */
async function buildGraphs(request: ReviewRequest, sources: OpenTrees, trees: Trees, given: FileChange[] | undefined, ignore: string[]): Promise<{ graphs: ReviewGraphs; changes: FileChange[] }> {
  const changes = given ?? (await changesBetweenTrees({ dir: request.base.dir, files: trees.base.allFiles }, { dir: request.head.dir, files: trees.head.allFiles }, request.renames));
  request.onProgress?.("building the module graphs");
  const store: GraphCache | null = request.cache ? openGraphCache(request.cache) : null;
  const cache = store && request.cache ? { store, repository: request.cache.repository, configHash: configHash(ignore) } : null;
  const listed = request.trees;
  const partial = listed ? { completeHead: () => fillPlaceholders(request.head.dir, listed.head) } : null;
  try {
    const graphs = await graphIndexes({ base: { ...request.base, source: sources.base }, head: { ...request.head, source: sources.head } }, trees, changes, cache, partial);
    if (store && request.cache?.manifests) await (await import("./tree-manifest.js")).storeManifests(store, request.cache.repository, manifestSides(request, sources, trees));
    return { graphs, changes };
  } finally {
    await store?.close?.();
  }
}

/** Trees whose manifest can be read from disk: both when written in full; of listed trees only the head (its support files are there). */
function manifestSides(request: ReviewRequest, sources: OpenTrees, trees: Trees): ManifestSide[] {
  const side = (sha: string, source: TreeSource, tree: TreeFiles | WalkedTree): ManifestSide => ({
    sha,
    root: source.root,
    read: readerOf(source),
    allFiles: tree.allFiles,
    skippedDirs: "skippedDirs" in tree ? tree.skippedDirs : [],
  });
  const head = side(request.head.sha, sources.head, trees.head);
  return request.trees ? [head] : [side(request.base.sha, sources.base, trees.base), head];
}

/** The facts of the ADR stub for the review's boundary changes, numbered after the head's records. */
async function adrFacts(review: Review, decisions: BoundaryChange[], loaded: LoadedConfig, at: { request: ReviewRequest; head: TreeSource }, headFiles: string[]): Promise<AdrFacts> {
  const { request } = at;
  // A refused .adr-dir (a link out of the tree...) counts as absent; the listing's notice names it.
  const adrDir = await readerOf(at.head)(".adr-dir").catch(() => null);
  const plan = planAdr(headFiles, loaded.config.adr.directory, adrDir);
  const title = adrTitle(decisions);
  const concerned = new Set(decisions.flatMap((c) => [c.from, c.to, c.boundary]).filter((b): b is string => !!b));
  const metrics: BoundaryMetrics[] = review.metrics.filter((m) => concerned.has(m.boundary));
  return {
    number: plan.number,
    path: `${plan.directory}/${String(plan.number).padStart(4, "0")}-${slugify(title)}.md`,
    title,
    date: request.today,
    base: review.base,
    head: review.head,
    changes: decisions,
    metrics,
    configFile: loaded.configChangedFile,
  };
}

/** dependency-cruiser reads a tree from disk: its rules need trees on disk (the CLI writes them then). */
function onDisk(source: TreeSource, needed: boolean): string {
  if (needed && source.view) throw new Error("dependency-cruiser's rules need the trees on disk");
  return source.root;
}
