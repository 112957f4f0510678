// A tree on disk -> the plain data the core reviews. The graph comes from a GraphIndex (fast
// path, possibly derived from another tree's); facts are computed for the touched files only.
// dependency-cruiser's rules are judged on the graph itself (engine/depcruise-evaluate.ts).
import picomatch from "picomatch";
import { mapLimited } from "../core/map-limited.js";
import type { FileFacts, ForbiddenViolation, Snapshot } from "../core/model.js";
import { isSourceFile } from "./files.js";
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
  const { allFiles, sourceFiles, skippedDirs, refused } = await treeSourceOf(root).list();
  return { ...treeOf(allFiles, ignore, sourceFiles), skippedDirs, refused };
}

/** The tree of a known file list (sorted repo-relative POSIX paths); `sources`: those with a source extension, when known. */
export function treeOf(allFiles: string[], ignore: string[], sources = allFiles.filter(isSourceFile)): TreeFiles {
  if (ignore.length === 0) return { allFiles, sourceFiles: sources };
  const ignored = picomatch(ignore, { dot: true });
  return { allFiles, sourceFiles: sources.filter((f) => !ignored(f)) };
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

export function toSnapshot(sha: string, index: GraphIndex, facts: Record<string, FileFacts>, forbiddenViolations: ForbiddenViolation[]): Snapshot {
  const graph = { modules: index.modules, edges: index.edges, ...(index.external ? { external: index.external } : {}) };
  return { sha, graph, facts, forbiddenViolations, files: index.files };
}
