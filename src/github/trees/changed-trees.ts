// The head's file list and the change list of a review fetched file by file, from the merge base's
// cached file list and the compare API's entries. Pure, and the same answer as the tarball path
// (engine/tree-diff.ts): a file is renamed when GitHub says so and its old path is gone, added or
// deleted by the listings, modified when its blob changed; an added file with the content of a
// deleted one is a move GitHub did not report.
import type { FileChange } from "../../core/model.js";
import { pairMoves } from "../../core/renames.js";
import type { ComparedFile } from "../../pipeline/comparison.js";

export interface FetchedShas {
  /** Touched head path -> its blob, or null when the head lists no file there (too large, a submodule). */
  head: Map<string, string | null>;
  /** Blobs of the base versions fetched. */
  base: Map<string, string>;
}

export interface ChangedTrees {
  /** Every file of the head, sorted. */
  head: string[];
  changes: FileChange[];
}

const byPath = (a: FileChange, b: FileChange): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The entries whose head version the review needs (everything but removals). */
export function touchedEntries(files: ComparedFile[]): ComparedFile[] {
  return files.filter((f) => f.status !== "removed" && f.status !== "unchanged");
}

export function changedTrees(baseFiles: string[], compared: ComparedFile[], shas: FetchedShas): ChangedTrees {
  const before = new Set(baseFiles);
  const { after, renames, touched } = headListing(baseFiles, compared, shas);
  const renamedFrom = new Set<string>();
  const changes: FileChange[] = [];
  const added: string[] = [];
  for (const file of touched.filter((f) => after.has(f))) {
    const previous = renames.get(file);
    if (previous && before.has(previous) && !after.has(previous)) {
      changes.push({ kind: "renamed", path: file, previousPath: previous });
      renamedFrom.add(previous);
    } else if (!before.has(file)) added.push(file);
    else if (shas.base.get(file) !== shas.head.get(file)) changes.push({ kind: "modified", path: file });
  }
  changes.push(...pairMoves(added, removedShas(baseFiles, after, renamedFrom, compared, shas), (file) => shas.head.get(file), renamedFrom));
  for (const file of baseFiles) if (!after.has(file) && !renamedFrom.has(file)) changes.push({ kind: "deleted", path: file });
  return { head: [...after].sort(), changes: changes.sort(byPath) };
}

/** The head's files, the renames GitHub reported (head path -> base path), and the touched head paths, sorted. */
function headListing(baseFiles: string[], compared: ComparedFile[], shas: FetchedShas) {
  const after = new Set(baseFiles);
  const renames = new Map<string, string>();
  // Removals first: a path renamed away may come back as another entry's new file.
  for (const f of compared) {
    if (f.status === "removed") after.delete(f.filename);
    if (f.status === "renamed" && f.previous_filename) {
      after.delete(f.previous_filename);
      renames.set(f.filename, f.previous_filename);
    }
  }
  const touched = [...new Set(touchedEntries(compared).map((f) => f.filename))].sort();
  for (const file of touched) {
    if (shas.head.get(file)) after.add(file);
    else after.delete(file);
  }
  return { after, renames, touched };
}

/** Blob -> path of the base files the head no longer has, where the blob is known (the last path of a blob wins, as in tree-diff.ts). */
function removedShas(baseFiles: string[], after: Set<string>, renamedFrom: Set<string>, compared: ComparedFile[], shas: FetchedShas): Map<string, string> {
  const known = new Map(compared.filter((f) => f.status === "removed" && f.sha).map((f) => [f.filename, f.sha as string]));
  for (const [file, sha] of shas.base) known.set(file, sha);
  const bySha = new Map<string, string>();
  for (const file of baseFiles) {
    const sha = known.get(file);
    if (sha && !after.has(file) && !renamedFrom.has(file)) bySha.set(sha, file);
  }
  return bySha;
}

