// Reviews of trees whose directories hold only part of their files (the App's changed-files path):
// the base's configuration and the touched files' versions are on disk, the listings say what else
// each tree has. The base graph must come from the cache; the head graph is derived from it, by
// module resolution, which needs to see every file of the head: the ones not on disk are created
// empty (resolution never reads a source's text, only package.json and tsconfig, which are there).
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import type { FileChange } from "../core/model.js";
import { changesResolution } from "../extract/resolution-files.js";

/** Complete file lists of the two trees (sorted repo-relative POSIX paths). */
export interface ListedTrees {
  base: string[];
  head: string[];
}

/** The partial trees cannot be reviewed after all: the caller writes them in full and asks again. */
export class ListedTreesUnusable extends Error {
  constructor(reason: string) {
    super(`The review needs the whole trees: ${reason}`);
    this.name = "ListedTreesUnusable";
  }
}

/** Refuses what the listed trees cannot give: a changed resolution setup (it rebuilds from every file). */
export function checkListedReview(changes: FileChange[] | undefined): FileChange[] {
  if (!changes) throw new ListedTreesUnusable("no change list was given");
  const resolution = changes.find((c) => changesResolution(c.path) || (c.previousPath !== undefined && changesResolution(c.previousPath)));
  if (resolution) throw new ListedTreesUnusable(`${resolution.path} changes how imports resolve`);
  return changes;
}

const PLACEHOLDER_CONCURRENCY = 64;

/** Creates an empty file for every listed file `root` does not have yet. */
export async function fillPlaceholders(root: string, files: string[]): Promise<void> {
  const top = path.resolve(root);
  const dirs = new Set(files.map((f) => path.posix.dirname(f)).filter((d) => d !== "."));
  for (const dir of dirs) await mkdir(path.join(top, dir), { recursive: true });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const full = path.resolve(top, files[next++] as string);
      if (!full.startsWith(top + path.sep)) throw new ListedTreesUnusable("a listed path leaves the tree");
      // "a": creates a missing file, leaves a written one as it is.
      await (await open(full, "a")).close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PLACEHOLDER_CONCURRENCY, files.length) }, worker));
}
