// Lists the files of a snapshot on disk. The only directory walk of the extractor.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { auditEntry, type TreeFileRefusal } from "./tree-file.js";

/** Directories never part of a reviewed tree: dependencies, VCS data, build caches. */
const SKIPPED_DIRS = new Set(["node_modules", ".git", ".hg", ".svn"]);

export const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

const SOURCE_EXTENSION_SET = new Set(SOURCE_EXTENSIONS);

/** Every extension has one dot: a name ends with one exactly when the text from its last dot is one (one lookup, not eight). */
export function isSourceFile(file: string): boolean {
  const dot = file.lastIndexOf(".");
  return dot >= 0 && SOURCE_EXTENSION_SET.has(file.slice(dot));
}

/** Whether a directory of this name is left out of every reviewed tree (node_modules...). */
export function isSkippedDirName(name: string): boolean {
  return SKIPPED_DIRS.has(name);
}

/** Whether a `git ls-tree` listing may hold an entry in a skipped directory: false when no skipped name is followed by "/" anywhere in it. */
export function mayListSkippedDir(listing: Uint8Array): boolean {
  const bytes = Buffer.isBuffer(listing) ? listing : Buffer.from(listing.buffer, listing.byteOffset, listing.byteLength);
  return [...SKIPPED_DIRS].some((name) => bytes.includes(`${name}/`));
}

/** Whether a repo-relative path lies in a directory no reviewed tree includes (node_modules...). */
export function inSkippedDir(file: string): boolean {
  return file.split("/").slice(0, -1).some(isSkippedDirName);
}

/**
 * Every regular file below `root`, as sorted repo-relative POSIX paths. Symlinks are not followed.
 * `skipped` receives the directories left out (they are on disk, where module resolution may look);
 * `refused` the entries no reader will read: links out of the tree, devices, FIFOs, sockets.
 */
export async function listFiles(root: string, skipped?: string[], refused?: TreeFileRefusal[]): Promise<string[]> {
  const files: string[] = [];
  const pending = [""];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const entries = await readdir(path.join(root, dir), { withFileTypes: true });
    for (const entry of entries) {
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(rel);
        else skipped?.push(rel);
      } else if (entry.isFile()) {
        files.push(rel);
      } else if (refused) {
        const refusal = auditEntry(root, rel);
        if (refusal) refused.push(refusal);
      }
    }
  }
  return files.sort();
}
