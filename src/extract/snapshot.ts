// A tree on disk -> the plain data the core reviews. The graph comes from a GraphIndex (fast
// path, possibly derived from another tree's); facts are computed for the touched files only;
// dependency-cruiser runs only when the configuration has `forbidden` rules for it to judge.
import picomatch from "picomatch";
import { mapLimited } from "../core/map-limited.js";
import type { DepcruiseRules } from "../config/types.js";
import type { FileFacts, ForbiddenViolation, Snapshot } from "../core/model.js";
import type { ScannedImport } from "./fast-scan.js";
import { isSourceFile } from "./files.js";
import { buildRawGraph } from "./depcruise-run.js";
import type { GraphIndex, TreeFiles } from "./graph-index.js";
import { analyzeSource } from "./source-facts.js";
import { SOURCE_FILE_MAX_BYTES, TreeFileRefusedError, type TreeFileRefusal } from "./tree-file.js";
import { treeSourceOf, type TreeSource } from "./tree-source.js";

export interface WalkedTree extends TreeFiles {
  /** Directories on disk that the listing leaves out (node_modules...). */
  skippedDirs: string[];
  /** Entries that are not read: links out of the tree, devices, FIFOs, sockets (files.ts listFiles). */
  refused: TreeFileRefusal[];
}

/** Every file of the tree and its analysable source modules (ignore globs applied). */
export async function listTree(root: string | TreeSource, ignore: string[]): Promise<WalkedTree> {
  const { allFiles, skippedDirs, refused } = await treeSourceOf(root).list();
  return { ...treeOf(allFiles, ignore), skippedDirs, refused };
}

/** The tree of a known file list (sorted repo-relative POSIX paths). */
export function treeOf(allFiles: string[], ignore: string[]): TreeFiles {
  const ignored = ignore.length > 0 ? picomatch(ignore, { dot: true }) : () => false;
  return { allFiles, sourceFiles: allFiles.filter((f) => isSourceFile(f) && !ignored(f)) };
}

/** Touched files read at once when computing facts. */
export const FACTS_READ_CONCURRENCY = 16;

/**
 * Lines, function complexity and public methods of `files` (those that are modules of the tree).
 * A file that may not be read (the listing reports it) or vanished has no facts.
 */
export async function factsOf(root: string | TreeSource, modules: Set<string>, files: string[]): Promise<Record<string, FileFacts>> {
  const tree = treeSourceOf(root);
  const facts: Record<string, FileFacts> = {};
  // Bounded: a PR may touch thousands of files, and opening them all at once runs out of file descriptors (EMFILE).
  await mapLimited(
    files.filter((f) => modules.has(f)),
    FACTS_READ_CONCURRENCY,
    async (file) => {
      const text = await tree.read(file, SOURCE_FILE_MAX_BYTES).then((bytes) => bytes?.toString("utf8") ?? null, (error: unknown) => {
        if (error instanceof TreeFileRefusedError) return null;
        throw error;
      });
      if (text !== null) facts[file] = analyzeSource(text, file).facts;
    },
  );
  return facts;
}

function lineOf(sites: ScannedImport[] | undefined, specifier: string | null): number | null {
  if (!sites || specifier === null) return null;
  const named = sites.filter((s) => s.specifier === specifier || s.specifier === `node:${specifier}`);
  return (named.find((s) => !s.typeOnly) ?? named[0])?.line ?? null;
}

/** dependency-cruiser judging its own rules (forbidden, allowed, required) over the tree (the one slow step, only when asked for). */
export async function forbiddenViolationsOf(root: string, tree: TreeFiles, rules: DepcruiseRules | null, index: GraphIndex): Promise<ForbiddenViolation[]> {
  if (rules === null) return [];
  const raw = await buildRawGraph(root, { sourceFiles: tree.sourceFiles, allFiles: tree.allFiles, forbidden: rules.forbidden, rules });
  return raw.forbiddenViolations.map((v) => ({
    rule: v.rule,
    severity: v.severity,
    from: v.from,
    to: v.to,
    line: lineOf(index.sites[v.from], v.specifier),
    ...(v.ruleType === undefined ? {} : { ruleType: v.ruleType }),
  }));
}

export function toSnapshot(sha: string, index: GraphIndex, facts: Record<string, FileFacts>, forbiddenViolations: ForbiddenViolation[]): Snapshot {
  return { sha, graph: { modules: index.modules, edges: index.edges }, facts, forbiddenViolations, files: index.files };
}
