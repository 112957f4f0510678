// What changed between two trees on disk, for sources that give no git history (tarballs):
// content hashes, plus renames reported by GitHub and exact-content moves.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { mapLimited } from "../core/map-limited.js";
import type { FileChange } from "../core/model.js";
import { pairMoves } from "../core/renames.js";

const HASH_READ_CONCURRENCY = 16;

async function hashes(tree: FilesInDir): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const read = tree.read ?? ((f: string) => readFile(path.join(tree.dir, f)));
  // Bounded like every file reader: a whole tree opened at once runs out of file descriptors (EMFILE).
  await mapLimited(tree.files, HASH_READ_CONCURRENCY, async (f) => {
    result.set(f, createHash("sha1").update(await read(f)).digest("hex"));
  });
  return result;
}

export interface FilesInDir {
  dir: string;
  files: string[];
  /** A file's bytes when the tree is not on disk (git objects); default: `dir`'s file. */
  read?: (file: string) => Promise<Buffer>;
}

/** `knownRenames`: head path -> base path (e.g. from the pull request's file list). */
export async function changesBetweenTrees(base: FilesInDir, head: FilesInDir, knownRenames: Map<string, string> = new Map()): Promise<FileChange[]> {
  const [before, after] = await Promise.all([hashes(base), hashes(head)]);
  const renamedFrom = new Set<string>();
  const changes: FileChange[] = [];
  const added: string[] = [];
  for (const [file, hash] of after) {
    const previous = knownRenames.get(file);
    if (previous && before.has(previous) && !after.has(previous)) {
      changes.push({ kind: "renamed", path: file, previousPath: previous });
      renamedFrom.add(previous);
    } else if (!before.has(file)) added.push(file);
    else if (before.get(file) !== hash) changes.push({ kind: "modified", path: file });
  }
  changes.push(...pairMoves(added, deletedByHash(before, after, renamedFrom), (file) => after.get(file), renamedFrom));
  for (const file of before.keys()) if (!after.has(file) && !renamedFrom.has(file)) changes.push({ kind: "deleted", path: file });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Content hash -> path of the base files the head no longer has (the last path of a hash wins). */
function deletedByHash(before: Map<string, string>, after: Map<string, string>, renamedFrom: Set<string>): Map<string, string> {
  const byHash = new Map<string, string>();
  for (const [file, hash] of before) if (!after.has(file) && !renamedFrom.has(file)) byHash.set(hash, file);
  return byHash;
}
