// The review engine: two trees on disk + what changed -> a Review. Shared by the CLI and the App.
import path from "node:path";
import { graphShapeOf } from "../config/depcruise-graph-shape.js";
import { depcruiseRulesOf } from "../config/depcruise-rules.js";
import type { Config, DepcruiseRules } from "../config/types.js";
import type { AdrFacts, FileChange, FindingOf, LineHunk, Review } from "../core/model.js";
import { changesForAdr } from "../core/boundary-changes.js";
import { generatedFiles } from "../core/generated.js";
import { DEFAULT_GENERATED } from "../config/defaults.js";
import { reviewChange } from "../core/review.js";
import { boundaryCoverage, type BoundaryCoverage } from "../core/boundary-coverage.js";
import type { TreeFiles } from "../extract/graph-index.js";
import type { WalkedTree } from "../extract/snapshot.js";
import { refusalText, type TreeFileRefusal } from "../extract/tree-file.js";
import { GitObjectsError, type GitProcesses } from "../extract/git-objects.js";
import { directoryTree, type TreeSource } from "../extract/tree-source.js";
import type { GraphCache } from "./graph-cache.js";
import { configHash, depcruiseVerdicts, graphIndexes, openGraphCache, prefetchDepcruiseInternals, withGraphOptions, type CacheLocation, type ReviewGraphs, type SideViolations } from "./graphs.js";
import { checkListedReview, fillPlaceholders, type ListedTrees } from "./listed-trees.js";
import type { ManifestSide } from "./tree-manifest.js";
import { loadConfig, type LoadedConfig, type TreeReader } from "./config.js";
import { changesBetweenTrees, type FilesInDir } from "./tree-diff.js";
import { touchedChanges } from "./touched-changes.js";
import { adrFacts } from "./adr-facts.js";
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
  /**
   * Which tree's configuration judges: the base's (a review), or the head's (`archreview check`, whose
   * base is git's empty tree). Boundary globs are checked against the same tree's files.
   */
  configFrom?: "base" | "head";
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


export interface ReviewOutcome {
  /** `review.adr` is null here: the shells write the stub from `adr` (report/adr.ts withAdrStub). */
  review: Review;
  /** The configuration that judged the change (the base's, or the override). */
  config: Config;
  /** The facts of the ADR stub this change calls for; null when it calls for none. */
  adr: AdrFacts | null;
  /** Boundary globs and rules that match nothing in the judging tree (also in the review's notices): the CLI repeats them on stderr. */
  configWarnings?: string[];
  /** Modules per boundary in the judging tree. */
  boundaryModules?: Record<string, number>;
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
  const loaded = request.loadedConfig ?? (await loadJudgingConfig(request, sources));
  const { ignore } = loaded.config;
  const rules = depcruiseRulesOf(loaded.config);
  const graphStarted = now();
  // The extractors (TypeScript, the resolver, dependency-cruiser on demand) load once the configuration is known good.
  const { factsOf, listTree, toSnapshot, treeOf } = await import("../extract/snapshot.js");
  const listed = request.trees ?? null;
  const changes = listed ? checkListedReview(request.changes) : request.changes;
  const [baseTree, headTree] = listed
    ? [treeOf(listed.base, ignore), treeOf(listed.head, ignore)]
    : await Promise.all([listTree(sources.base, ignore), listTree(sources.head, ignore)]);
  const trees = { base: withGraphOptions(baseTree, graphShapeOf(loaded.config)), head: withGraphOptions(headTree, graphShapeOf(loaded.config)) };
  const { graphs, changes: compared, violations } = await buildGraphs(request, sources, trees, changes, loaded.config, rules, progress);
  const graphMs = Math.round(now() - graphStarted);
  progress("comparing");
  const touched = compared.filter((c) => c.kind !== "deleted");
  const previous = new Map(touched.map((c) => [c.path, c.previousPath ?? c.path]));
  const [baseFacts, headFacts] = await Promise.all([
    factsOf(sources.base, new Set(graphs.base.modules), [...previous.values()]),
    factsOf(sources.head, new Set(graphs.head.modules), [...previous.keys()]),
  ]);
  const { hunks, generated } = await sizeScope(request, sources, touched, new Set(graphs.head.modules), loaded.config);
  const base = toSnapshot(request.base.sha, graphs.base, baseFacts, violations.base);
  const head = toSnapshot(request.head.sha, graphs.head, headFacts, violations.head);
  const coverage = coverageOf(request, graphs, loaded.config);
  const review = reviewChange({
    base,
    head,
    changes: compared,
    config: loaded.config,
    headBoundaryNames: loaded.headBoundaryNames,
    configChangedFile: loaded.configChangedFile,
    notices: [...loaded.notices, ...coverage.warnings],
    ...configFacts(loaded),
    hunks,
    generated,
  });
  review.stats.filesParsed = graphs.filesRead;
  review.notices.push(...refusedEntryNotices(review.notices, refusedOf(baseTree), refusedOf(headTree)));
  if (graphs.head.modules.length === 0 && graphs.base.modules.length === 0) {
    review.notices.push("No JavaScript or TypeScript modules in this repository (after `ignore`): there is nothing for archreview to analyse.");
  }
  const decisions = changesForAdr(review.boundaryChanges, review.newViolations);
  const adr = loaded.config.adr.enabled && decisions.length > 0 ? await adrFacts(review, decisions, loaded, { today: request.today, head: sources.head, headFiles: graphs.head.files, changes: compared }) : null;
  review.stats.ms = Math.round(now() - started);
  return { review, config: loaded.config, adr, configWarnings: coverage.warnings, boundaryModules: coverage.moduleCounts, timings: { graphMs } };
}

/** The configuration that judges: the base's, or the head's for a check (engine/config.ts loadConfig). */
function loadJudgingConfig(request: ReviewRequest, sources: OpenTrees): Promise<LoadedConfig> {
  const judging = request.configFrom === "head" ? sources.head : sources.base;
  return loadConfig({ base: readerOf(judging), head: readerOf(sources.head), override: request.configOverride ?? null });
}

/** Boundary globs and rules matching nothing in the judging tree; its graph lists every file even when the tree on disk is sparse (a cached base). */
function coverageOf(request: ReviewRequest, graphs: ReviewGraphs, config: Config): BoundaryCoverage {
  const judged = request.configFrom === "head" ? { graph: graphs.head, where: "this revision" } : { graph: graphs.base, where: "base" };
  return boundaryCoverage({ boundaries: config.boundaries, rules: config.rules, files: judged.graph.files, modules: judged.graph.modules, where: judged.where });
}

/** The PR's invalid config files (findings) and its head config (previewed). */
function configFacts(loaded: LoadedConfig): { configFindings: FindingOf<"config">[]; headConfig: Config | null } {
  return { configFindings: loaded.findings ?? [], headConfig: loaded.headConfig ?? null };
}

/** What size findings may look at: the touched lines of each file, and which touched files are generated (left out). */
async function sizeScope(request: ReviewRequest, sources: OpenTrees, touched: FileChange[], headModules: Set<string>, config: Config): Promise<{ hunks: Record<string, LineHunk[]>; generated: string[] }> {
  // A file no reader may read (a link out of the tree...) has no lines to judge; the listing's notice names it.
  const orNull = (read: TreeReader): TreeReader => (file) => read(file).catch(() => null);
  const read = { base: orNull(readerOf(sources.base)), head: orNull(readerOf(sources.head)) };
  const changed = await touchedChanges(read, touched, headModules);
  const generated = generatedFiles({
    files: touched.map((c) => c.path).filter((f) => headModules.has(f)),
    // Read at base: a PR cannot mark its own files generated to keep them out of review (a check has only its revision).
    gitattributes: await read[request.configFrom === "head" ? "head" : "base"](".gitattributes"),
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

/** The change list (computed when not given), both graphs and dependency-cruiser's verdicts on them, through the cache when there is one. */
async function buildGraphs(
  request: ReviewRequest,
  sources: OpenTrees,
  trees: Trees,
  given: FileChange[] | undefined,
  config: Config,
  rules: DepcruiseRules | null,
  progress: (stage: string) => void,
): Promise<{ graphs: ReviewGraphs; changes: FileChange[]; violations: SideViolations }> {
  const changes = given ?? (await changesBetweenTrees(inDir(request.base, sources.base, trees.base), inDir(request.head, sources.head, trees.head), request.renames));
  request.onProgress?.("building the module graphs");
  const store: GraphCache | null = request.cache ? openGraphCache(request.cache) : null;
  const cache = store && request.cache ? { store, repository: request.cache.repository, configHash: configHash(config.ignore, graphShapeOf(config)) } : null;
  const listed = request.trees;
  const partial = listed ? { completeHead: () => fillPlaceholders(request.head.dir, listed.head) } : null;
  try {
    if (rules !== null) prefetchDepcruiseInternals();
    const graphs = await graphIndexes({ base: { ...request.base, source: sources.base }, head: { ...request.head, source: sources.head } }, trees, changes, cache, partial);
    if (rules !== null) progress("applying dependency-cruiser's rules");
    const violations = await depcruiseVerdicts({ base: request.base, head: request.head }, graphs, rules, cache);
    if (store && request.cache?.manifests) await (await import("./tree-manifest.js")).storeManifests(store, request.cache.repository, manifestSides(request, sources, trees));
    return { graphs, changes, violations };
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

/** A side's files for content hashing: from its directory, or read from its git objects. */
function inDir(side: TreeOnDisk, source: TreeSource, tree: TreeFiles | WalkedTree): FilesInDir {
  if (!source.view) return { dir: side.dir, files: tree.allFiles };
  const read = async (file: string): Promise<Buffer> => {
    const bytes = await source.read(file, Number.MAX_SAFE_INTEGER);
    // Files come from the tree's own listing: a missing one is a damaged clone, not the change's doing.
    if (bytes === null) throw new GitObjectsError(`git object of ${file} is missing`);
    return bytes;
  };
  return { dir: side.dir, files: tree.allFiles, read };
}
