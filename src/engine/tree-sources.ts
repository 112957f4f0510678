// The two trees of a review as the engine reads them: directories on disk (the App's unpacked
// tarballs), or git objects of a local repository (the CLI: nothing is written). One
// `git cat-file --batch` serves both sides of a review and ends with it.
import path from "node:path";
import { BlobStream, nodeGitProcesses, type GitProcesses } from "../extract/git-objects.js";
import { gitTree, gitTreePair, type GitTreeOptions } from "../extract/git-tree.js";
import { SUPPORT_FILE_MAX_BYTES, TreeFileRefusedError } from "../extract/tree-file.js";
import { directoryTree, type TreeSource } from "../extract/tree-source.js";
import type { TreeReader } from "./config.js";

export interface ReviewedSide {
  sha: string;
  /** The directory holding the tree; for git objects, the name the resolver sees (no such directory exists). */
  dir: string;
  /** Read the tree `sha` from the git objects of this repository instead of `dir`. */
  git?: string;
  /**
   * With `git`: the output of `git ls-tree -r -l -z --full-tree <sha>` in that repository, when the
   * caller ran it already (the CLI, while the review worker boots). Without it the engine lists the tree itself.
   */
  listing?: Uint8Array;
}

/** A side read from git objects: `dir` names it under a root no review writes to. `listing`: see ReviewedSide. */
export function gitSide(repository: string, sha: string, side: "base" | "head", listing?: Uint8Array | null): ReviewedSide {
  const dir = path.join(path.parse(path.resolve(repository)).root, "archreview-git-objects", `${side}-${sha}`);
  return listing ? { sha, dir, git: repository, listing } : { sha, dir, git: repository };
}

export interface OpenTrees {
  base: TreeSource;
  head: TreeSource;
  close(): Promise<void>;
}

/** Opens both sides; `processes` is injectable for tests (the default spawns git). */
export async function openTrees(sides: { base: ReviewedSide; head: ReviewedSide }, processes: GitProcesses = nodeGitProcesses): Promise<OpenTrees> {
  const repository = sides.base.git ?? sides.head.git;
  const blobs = repository ? new BlobStream(repository, processes) : null;
  const options = (side: ReviewedSide, git: string, stream: BlobStream): GitTreeOptions => ({ repo: git, sha: side.sha, root: side.dir, blobs: stream, processes, listing: side.listing });
  const open = (side: ReviewedSide): Promise<TreeSource> => (side.git && blobs ? gitTree(options(side, side.git, blobs)) : Promise.resolve(directoryTree(side.dir)));
  const openBoth = async (): Promise<{ base: TreeSource; head: TreeSource }> => {
    const { base, head } = sides;
    // Both sides from one repository (the CLI): the head's listing is parsed only where it differs from the base's.
    if (blobs && base.git && base.git === head.git) return gitTreePair(options(base, base.git, blobs), options(head, base.git, blobs));
    const [baseTree, headTree] = await Promise.all([open(base), open(head)]);
    return { base: baseTree, head: headTree };
  };
  try {
    const { base, head } = await openBoth();
    return { base, head, close: async () => blobs?.close() };
  } catch (error) {
    await blobs?.close();
    throw error;
  }
}

/**
 * Reads repo-relative support files of a tree (config, .adr-dir, .gitattributes): a refused one
 * (a link out of the tree, a device...) rejects with a TreeFileRefusedError; a name that leaves the
 * tree, or an unreadable file, reads as missing.
 */
export function readerOf(tree: TreeSource): TreeReader {
  return async (file) => {
    const full = path.resolve(tree.root, file);
    if (!full.startsWith(tree.root + path.sep)) return null;
    return tree.read(file, SUPPORT_FILE_MAX_BYTES).then(
      (bytes) => bytes?.toString("utf8") ?? null,
      (error: unknown) => {
        if (error instanceof TreeFileRefusedError) throw error;
        return null;
      },
    );
  };
}

/**
 * Reads repo-relative files of a tree on disk as regular files inside it (tree-file.ts): a link out
 * of the tree, a device or FIFO rejects with a TreeFileRefusedError; a name that leaves it, or an
 * unreadable file, reads as missing.
 */
export function diskReader(dir: string): TreeReader {
  return readerOf(directoryTree(path.resolve(dir)));
}
