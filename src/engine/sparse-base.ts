// When the base graph is cached, a review needs only a handful of the base tree's files: its
// configuration and the previous versions of the touched files (for size and complexity deltas).
// Sources with git history can then skip writing the whole base tree.
import { CONFIG_PATHS, DEPCRUISE_CODE_CONFIG_PATHS, DEPCRUISE_JSON_PATHS } from "../config/defaults.js";
import { depcruiseRulesOf } from "../config/depcruise-rules.js";
import type { FileChange } from "../core/model.js";
import { loadConfig, type TreeReader } from "./config.js";
import { DiskGraphCache } from "./graph-cache.js";
import { baseGraphMissing } from "./partial-review.js";

export interface SparseBaseQuery {
  readBase: TreeReader;
  override: { file: string; text: string } | null;
  cache: { dir: string; repository: string };
  baseSha: string;
  changes: FileChange[];
}

/** Whether the review must read trees on disk: dependency-cruiser's rules (it reads files itself) judge them. */
export async function needsTreesOnDisk(query: Pick<SparseBaseQuery, "readBase" | "override">): Promise<boolean> {
  const { config } = await loadConfig({ base: query.readBase, head: async () => null, override: query.override });
  return depcruiseRulesOf(config) !== null;
}

/** The base files a review needs, or null when it needs the whole base tree. */
export async function sparseBaseFiles(query: SparseBaseQuery): Promise<string[] | null> {
  const { config } = await loadConfig({ base: query.readBase, head: async () => null, override: query.override });
  if (await baseGraphMissing(config, new DiskGraphCache(query.cache.dir), query.cache.repository, query.baseSha)) return null;
  const previous = query.changes.filter((c) => c.kind !== "added").map((c) => c.previousPath ?? c.path);
  return [...new Set([...CONFIG_PATHS, ...DEPCRUISE_JSON_PATHS, ...DEPCRUISE_CODE_CONFIG_PATHS, ...previous])];
}
