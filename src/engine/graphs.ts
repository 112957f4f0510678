// The base and head graphs of a review, built as cheaply as the cache allows:
// both cached -> nothing to read; one cached -> the other derived from it (changed files only);
// none -> head built in full, base derived from it.
import { createHash } from "node:crypto";
import type { FileChange } from "../core/model.js";
import { buildGraphIndex, deriveGraphIndex, invertChanges, type GraphIndex, type TreeFiles } from "../extract/graph-index.js";
import type { GraphCache } from "./graph-cache.js";

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

/** What in the configuration changes a graph: the ignore globs (they decide the module set). */
export function configHash(ignore: string[]): string {
  return createHash("sha256").update(JSON.stringify(ignore)).digest("hex").slice(0, 16);
}

interface Side {
  sha: string;
  dir: string;
}

function withoutRead({ read: _read, ...index }: GraphIndex): GraphIndex {
  return index;
}

export async function graphIndexes(sides: { base: Side; head: Side }, trees: { base: TreeFiles; head: TreeFiles }, changes: FileChange[], cache: CacheContext | null): Promise<ReviewGraphs> {
  const key = (sha: string) => ({ repository: cache?.repository ?? "", sha, configHash: cache?.configHash ?? "" });
  const [cachedBase, cachedHead] = cache ? await Promise.all([cache.store.get<GraphIndex>(key(sides.base.sha)), cache.store.get<GraphIndex>(key(sides.head.sha))]) : [null, null];
  let base = cachedBase;
  let head = cachedHead;
  if (base && !head) head = await deriveGraphIndex(base, sides.head.dir, trees.head, changes);
  if (!head) head = await buildGraphIndex(sides.head.dir, trees.head);
  if (!base) base = await deriveGraphIndex(head, sides.base.dir, trees.base, invertChanges(changes));
  const filesRead = (cachedBase ? 0 : (base.read ?? 0)) + (cachedHead ? 0 : (head.read ?? 0));
  if (cache) {
    await Promise.all([
      cachedBase ? null : cache.store.set(key(sides.base.sha), withoutRead(base)),
      cachedHead ? null : cache.store.set(key(sides.head.sha), withoutRead(head)),
    ]);
  }
  return { base, head, filesRead };
}
