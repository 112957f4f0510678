// A tree's module graph together with what it was built from (file list, import sites per
// module): serialisable, so it can be cached, and enough to derive another tree's graph from it
// by reading only the files that changed.
import type { ExternalImport, FileChange, ModuleEdge } from "../core/model.js";
import { compareExternal } from "./fast-external.js";
import { compareEdges, resolveImports, scanModules } from "./fast-graph.js";
import type { ScannedImport } from "./fast-scan.js";
import { changesResolution } from "./resolution-files.js";
import { treeSourceOf, type TreeSource } from "./tree-source.js";

export { changesResolution };

export interface GraphIndex {
  /** Every file of the tree (repo-relative POSIX), sorted. */
  files: string[];
  /** Analysed source modules, sorted. */
  modules: string[];
  /** The import sites of each module. */
  sites: Record<string, ScannedImport[]>;
  edges: ModuleEdge[];
  /** Imports leading to no analysed module (see core/model.ts ExternalImport); absent in indexes cached before it existed. */
  external?: ExternalImport[];
  /** Built with dependency-cruiser's `tsPreCompilationDeps: false`: sites TypeScript elides are gone. */
  elided?: boolean;
  /** Built with every site kept and those TypeScript elides marked (`compiled`, TreeFiles.markCompiled). */
  marked?: boolean;
  /** Built reading calls to these names as requires (dependency-cruiser's `exoticRequireStrings`). */
  exoticRequireStrings?: string[];
  /** How many files this build read (not cached: a property of the build, not of the tree). */
  read?: number;
}

export interface TreeFiles {
  allFiles: string[];
  sourceFiles: string[];
  /** false: imports TypeScript elides are no edges (the user set dependency-cruiser's `tsPreCompilationDeps: false`); absent means true. */
  tsPreCompilationDeps?: boolean;
  /** Keep every import and mark those TypeScript elides, for dependency-cruiser's default view (config/depcruise-graph-shape.ts). */
  markCompiled?: boolean;
  /** dependency-cruiser's `exoticRequireStrings`: calls to these names are requires. */
  exoticRequireStrings?: string[];
}

const elides = (tree: TreeFiles): boolean => tree.tsPreCompilationDeps === false;
const marks = (tree: TreeFiles): boolean => tree.markCompiled === true && !elides(tree);
const exoticKey = (strings: string[] | undefined): string => JSON.stringify([...(strings ?? [])].sort());

/** The index's record of how it was read, so that a derive from it reads the same way or rebuilds. */
function shapeOf(tree: TreeFiles): Pick<GraphIndex, "elided" | "marked" | "exoticRequireStrings"> {
  const shape: Pick<GraphIndex, "elided" | "marked" | "exoticRequireStrings"> = {};
  if (elides(tree)) shape.elided = true;
  if (marks(tree)) shape.marked = true;
  if ((tree.exoticRequireStrings ?? []).length > 0) shape.exoticRequireStrings = [...(tree.exoticRequireStrings ?? [])].sort();
  return shape;
}

const sameShape = (known: GraphIndex, tree: TreeFiles): boolean =>
  (known.elided === true) === elides(tree) && (known.marked === true) === marks(tree) && exoticKey(known.exoticRequireStrings) === exoticKey(tree.exoticRequireStrings);

export async function buildGraphIndex(at: string | TreeSource, tree: TreeFiles): Promise<GraphIndex> {
  const root = treeSourceOf(at);
  const sites = await scanModules(root, tree.sourceFiles, tree);
  const { edges, external } = await resolveImports(root, tree, sites, tree.sourceFiles);
  const index: GraphIndex = { files: [...tree.allFiles].sort(), modules: [...tree.sourceFiles].sort(), sites, edges, external, ...shapeOf(tree) };
  return { ...index, read: tree.sourceFiles.length };
}

/** Reverses a change list: base -> head becomes head -> base. */
export function invertChanges(changes: FileChange[]): FileChange[] {
  return changes.map((c) => {
    if (c.kind === "added") return { kind: "deleted", path: c.path };
    if (c.kind === "deleted") return { kind: "added", path: c.path };
    if (c.kind === "renamed" && c.previousPath) return { kind: "renamed", path: c.previousPath, previousPath: c.path };
    return c;
  });
}

function stemOf(segment: string): string {
  return segment.replace(/(\.d)?\.[cm]?[jt]sx?$/, "").replace(/\.json$/, "");
}

/**
 * Names that, when a file of that name appears or disappears, can change what a specifier
 * resolves to: its own stem and every directory on its path (`index` files, package folders).
 */
function affectedStems(changes: FileChange[]): Set<string> {
  const stems = new Set<string>();
  for (const c of changes) {
    if (c.kind === "modified") continue;
    for (const p of [c.path, c.previousPath]) {
      if (!p) continue;
      const segments = p.split("/");
      stems.add(stemOf(segments.pop() as string));
      for (const dir of segments) stems.add(dir);
    }
  }
  return stems;
}

/** Could this specifier now resolve differently? (Its last segment names an added or removed file or folder.) */
function mayResolveDifferently(specifier: string, stems: Set<string>): boolean {
  const clean = specifier.replace(/[?#].*$/, "").replace(/\/+$/, "");
  const last = clean.split("/").pop() ?? "";
  return last === "" || last === "." || last === ".." || stems.has(stemOf(last)) || stems.has(last);
}

/**
 * The graph of the tree at `root` (the target), from `known` (another tree's index) and the
 * changes known -> target: changed modules are read again, and only imports that may resolve
 * differently are resolved again. A change to package.json, tsconfig or workspaces rebuilds all.
 */
export async function deriveGraphIndex(known: GraphIndex, at: string | TreeSource, target: TreeFiles, changes: FileChange[]): Promise<GraphIndex> {
  const root = treeSourceOf(at);
  const resolutionChanged = changes.some((c) => changesResolution(c.path) || (c.previousPath !== undefined && changesResolution(c.previousPath)));
  // An index cached before `external` existed, or read another way (elision, exotic requires), cannot be completed.
  if (resolutionChanged || known.external === undefined || !sameShape(known, target)) {
    return buildGraphIndex(root, target);
  }
  const modules = new Set(target.sourceFiles);
  const rewritten = new Set(changes.filter((c) => c.kind !== "deleted" && modules.has(c.path)).map((c) => c.path));
  const sites: Record<string, ScannedImport[]> = { ...(await scanModules(root, [...rewritten], target)) };
  const missing: string[] = [];
  for (const m of target.sourceFiles) {
    if (rewritten.has(m)) continue;
    const knownSites = known.sites[m];
    if (knownSites) sites[m] = knownSites;
    else missing.push(m); // e.g. a file the known tree ignored: read it
  }
  Object.assign(sites, await scanModules(root, missing, target));
  const stems = affectedStems(changes);
  const structural = stems.size > 0;
  const again = new Set([...rewritten, ...missing]);
  if (structural) {
    for (const m of target.sourceFiles) {
      if (!again.has(m) && (sites[m] ?? []).some((s) => mayResolveDifferently(s.specifier, stems))) again.add(m);
    }
  }
  const kept = known.edges.filter((e) => modules.has(e.from) && !again.has(e.from) && modules.has(e.to));
  const keptExternal = known.external.filter((x) => modules.has(x.from) && !again.has(x.from));
  const fresh = await resolveImports(root, target, sites, again);
  const index: GraphIndex = {
    files: [...target.allFiles].sort(),
    modules: [...target.sourceFiles].sort(),
    sites,
    edges: [...kept, ...fresh.edges].sort(compareEdges),
    external: [...keptExternal, ...fresh.external].sort(compareExternal),
    ...shapeOf(target),
  };
  return { ...index, read: rewritten.size + missing.length };
}
