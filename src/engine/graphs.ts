// The base and head graphs of a review, built as cheaply as the cache allows:
// both cached -> nothing to read; one cached -> the other derived from it (changed files only);
// none -> head built in full, base derived from it.
import { createHash } from "node:crypto";
import { PLAIN_GRAPH, shapeKeyParts, type GraphShape } from "../config/depcruise-graph-shape.js";
import type { DepcruiseRules } from "../config/types.js";
import type { FileChange, ForbiddenViolation } from "../core/model.js";
import type { GraphIndex, TreeFiles } from "../extract/graph-index.js";
import type { TreeSource } from "../extract/tree-source.js";
import { decodeGraph, encodeGraph } from "./graph-codec.js";
import { DiskGraphCache, type GraphCache, type GraphCacheKey } from "./graph-cache.js";
import { ListedTreesUnusable } from "./listed-trees.js";
import { RedisGraphCache } from "./redis-graph-cache.js";

export interface CacheContext {
  store: GraphCache;
  repository: string;
  configHash: string;
}

export interface ReviewGraphs {
  base: GraphIndex;
  head: GraphIndex;
  /** Source files read to build them. */
  filesRead: number;
}

/**
 * What in the configuration changes a graph: the ignore globs (they decide the module set), and
 * its shape (config/depcruise-graph-shape.ts: TypeScript's elision, exotic requires). Keys of
 * plain graphs are unchanged.
 */
export function configHash(ignore: string[], shape: GraphShape = PLAIN_GRAPH): string {
  const parts = shapeKeyParts(shape);
  const keyed = Object.keys(parts).length > 0 ? [ignore, parts] : ignore;
  return createHash("sha256").update(JSON.stringify(keyed)).digest("hex").slice(0, 16);
}

/** The graph shape, as the tree listing carries it to the extractor (TreeFiles). */
export function withGraphOptions<T extends object>(tree: T, shape: GraphShape = PLAIN_GRAPH): T {
  const options: Partial<TreeFiles> = {};
  if (shape.elision === "drop") options.tsPreCompilationDeps = false;
  if (shape.elision === "mark") options.markCompiled = true;
  if (shape.exoticRequireStrings.length > 0) options.exoticRequireStrings = shape.exoticRequireStrings;
  return Object.assign(tree, options);
}

/** Where graphs are cached: a directory, or a Redis shared by every instance. */
export type CacheLocation = ({ dir: string } | { redisUrl: string }) & { repository: string };

export function openGraphCache(location: CacheLocation): GraphCache {
  return "redisUrl" in location ? new RedisGraphCache(location.redisUrl) : new DiskGraphCache(location.dir);
}

/** For trees listed rather than written in full (listed-trees.ts): the head is completed before a derive reads it. */
export interface PartialTrees {
  completeHead(): Promise<void>;
}

interface Side {
  sha: string;
  dir: string;
  /** How to read the tree (git objects, or `dir`); `dir` when absent. */
  source?: TreeSource;
}

function withoutRead({ read: _read, ...index }: GraphIndex): GraphIndex {
  return index;
}

/** A cached graph, stored compact (graph-codec.ts); an entry of another shape is a miss. */
async function getGraph(store: GraphCache, key: GraphCacheKey): Promise<GraphIndex | null> {
  const stored = await store.get<unknown>(key);
  return stored === null ? null : decodeGraph(stored);
}

function setGraph(store: GraphCache, key: GraphCacheKey, graph: GraphIndex): Promise<void> {
  return store.set(key, encodeGraph(withoutRead(graph)));
}

/**
 * A head derived from a cached base by reading fewer than this share of its modules is not stored.
 * Why: loading a cached graph costs reading and decoding it (typeorm, 3,577 modules: ~60-80 ms
 * under load for its 0.8 MB compact entry, graph-codec.ts; ~90-150 ms for the 5.5 MB of plain JSON
 * it replaced) and storing it more (encoding), while deriving it again costs the files
 * read (~0.3 ms each) plus a fixed ~20-40 ms; below a tenth of the modules the re-derive is the
 * cheaper way back to that graph, and a new push is a new head anyway.
 */
export const DERIVED_HEAD_STORE_SHARE = 0.1;

/** How a graph came about in this review, which decides whether it is worth storing. */
export type GraphOrigin = "cached" | "built" | { derivedFrom: "base" | "head"; read: number };

/**
 * The cache policy: a base is always stored (every PR on that base, and every re-run, shares it);
 * a head built in full is stored (the next review would build it again); a head derived from the
 * base is stored only when its derive read a large share of the tree.
 * What it costs: a re-run or rescan of the same head derives it again from the cached base (the
 * warm cost without the write). A stacked PR whose base is another PR's small-change head finds
 * that base uncached: in the App its partial (changed-files) plan falls back to tarballs
 * (partial-review.ts), and the review builds its head in full once and stores both, its base
 * being a base; its later pushes on the same base are warm again.
 */
export function worthStoring(side: "base" | "head", origin: GraphOrigin, modules: number): boolean {
  if (origin === "cached") return false;
  if (side === "base" || origin === "built") return true;
  return origin.read >= Math.ceil(modules * DERIVED_HEAD_STORE_SHARE);
}

/** Caches the graphs worth storing (worthStoring). */
async function storeBuilt(cache: CacheContext, sides: { base: Side; head: Side }, built: { base: GraphIndex; head: GraphIndex }, origins: { base: GraphOrigin; head: GraphOrigin }): Promise<void> {
  const key = (sha: string) => ({ repository: cache.repository, sha, configHash: cache.configHash });
  // A change whose head is its base (nothing left to merge) has one graph under one key: the base's.
  const storeHead = sides.head.sha !== sides.base.sha && worthStoring("head", origins.head, built.head.modules.length);
  await Promise.all([
    worthStoring("base", origins.base, built.base.modules.length) ? setGraph(cache.store, key(sides.base.sha), built.base) : null,
    storeHead ? setGraph(cache.store, key(sides.head.sha), built.head) : null,
  ]);
}

/** The graphs the cache did not have: the head derived from a cached base, else built; the base derived from the head. */
async function buildMissing(
  sides: { base: Side; head: Side },
  trees: { base: TreeFiles; head: TreeFiles },
  changes: FileChange[],
  cached: { base: GraphIndex | null; head: GraphIndex | null },
  partial: PartialTrees | null,
): Promise<{ base: GraphIndex; head: GraphIndex; origins: { base: GraphOrigin; head: GraphOrigin } }> {
  // The scanner and resolver (TypeScript, enhanced-resolve) load only when a graph is built.
  const { buildGraphIndex, deriveGraphIndex, invertChanges } = await import("../extract/graph-index.js");
  let head = cached.head;
  let headOrigin: GraphOrigin = "cached";
  if (cached.base && !head) {
    await partial?.completeHead();
    head = await deriveGraphIndex(cached.base, sides.head.source ?? sides.head.dir, trees.head, changes);
    // A derive that fell back to a full build (a tsconfig or package.json changed) read every module.
    headOrigin = { derivedFrom: "base", read: head.read ?? 0 };
  }
  if (!head) {
    head = await buildGraphIndex(sides.head.source ?? sides.head.dir, trees.head);
    headOrigin = "built";
  }
  const base = cached.base ?? (await deriveGraphIndex(head, sides.base.source ?? sides.base.dir, trees.base, invertChanges(changes)));
  const baseOrigin: GraphOrigin = cached.base ? "cached" : { derivedFrom: "head", read: base.read ?? 0 };
  return { base, head, origins: { base: baseOrigin, head: headOrigin } };
}

export async function graphIndexes(
  sides: { base: Side; head: Side },
  trees: { base: TreeFiles; head: TreeFiles },
  changes: FileChange[],
  cache: CacheContext | null,
  partial: PartialTrees | null = null,
): Promise<ReviewGraphs> {
  const key = (sha: string) => ({ repository: cache?.repository ?? "", sha, configHash: cache?.configHash ?? "" });
  const [cachedBase, cachedHead] = cache ? await Promise.all([getGraph(cache.store, key(sides.base.sha)), getGraph(cache.store, key(sides.head.sha))]) : [null, null];
  // A partial base tree cannot be read: its graph must come from the cache.
  if (partial && !cachedBase) throw new ListedTreesUnusable("the base graph is not cached");
  if (cachedBase && cachedHead) return { base: cachedBase, head: cachedHead, filesRead: 0 };
  const { base, head, origins } = await buildMissing(sides, trees, changes, { base: cachedBase, head: cachedHead }, partial);
  const filesRead = (cachedBase ? 0 : (base.read ?? 0)) + (cachedHead ? 0 : (head.read ?? 0));
  if (cache) await storeBuilt(cache, sides, { base, head }, origins);
  return { base, head, filesRead };
}

/** dependency-cruiser's verdicts on each side's graph. */
export interface SideViolations {
  base: ForbiddenViolation[];
  head: ForbiddenViolation[];
}

/** What the verdicts of one commit depend on beyond its graph: the rules and options (and, through the graph key, the ignore globs). */
export function depcruiseRulesHash(rules: DepcruiseRules, graphConfigHash: string): string {
  return createHash("sha256").update(JSON.stringify(["depcruise-verdicts", graphConfigHash, rules])).digest("hex").slice(0, 16);
}

/**
 * Starts loading dependency-cruiser's internals (ESM, dozens of files) while the graphs are read or
 * built, so that the verdicts do not wait for them. A failure is left to the load that uses them.
 */
export function prefetchDepcruiseInternals(): void {
  void import("./depcruise-internals.js").then((m) => m.loadDepcruiseInternals()).catch(() => undefined);
}

/**
 * dependency-cruiser's verdicts on both graphs, judged on the graphs themselves (depcruise-evaluate.ts),
 * each side's cached like its graph: the base's verdicts are shared by every PR on that base, and
 * the head's are the base's with only what the change can affect judged again (when the rules allow).
 */
export async function depcruiseVerdicts(sides: { base: Side; head: Side }, graphs: ReviewGraphs, rules: DepcruiseRules | null, cache: CacheContext | null): Promise<SideViolations> {
  if (rules === null) return { base: [], head: [] };
  // Loaded on demand: reviews without dependency-cruiser rules never load its internals.
  const { depcruiseHeadViolations, depcruiseViolations } = await import("./depcruise-evaluate.js");
  const rulesHash = cache ? depcruiseRulesHash(rules, cache.configHash) : "";
  const judged = async (side: Side, judge: () => Promise<ForbiddenViolation[]>): Promise<ForbiddenViolation[]> => {
    const key = { repository: cache?.repository ?? "", sha: side.sha, configHash: rulesHash };
    const cached = cache ? await cache.store.get<{ violations: ForbiddenViolation[] }>(key) : null;
    if (cached) return cached.violations;
    const violations = await judge();
    if (cache) await cache.store.set(key, { violations });
    return violations;
  };
  const base = await judged(sides.base, () => depcruiseViolations(graphs.base, rules));
  // A change whose head is its base has one graph and one verdict.
  if (sides.head.sha === sides.base.sha) return { base, head: base };
  const head = await judged(sides.head, async () => (await depcruiseHeadViolations({ graph: graphs.base, violations: base }, graphs.head, rules)).violations);
  return { base, head };
}
